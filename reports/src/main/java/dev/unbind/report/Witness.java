package dev.unbind.report;

import dev.unbind.finding.Finding;
import dev.unbind.finding.Firing;
import dev.unbind.finding.KasanReport;
import dev.unbind.finding.Step;
import dev.unbind.result.FindingRecord;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.List;

/**
 * One finding shown in full: what happened, why (the catalogue's one sentence), the interleaving of
 * named steps that led there (the last {@value #STEPS}), the faults that fired and the KASAN-style
 * report.
 *
 * @param anchor      link target ({@code <defect id>}, {@code finding-<variant>-<kind>-<n>})
 * @param record      the detection shown (the explorer's when it found it)
 * @param defect      the catalogued defect it shows, or null for a finding not in the catalogue
 * @param alsoFoundBy the other detections of the same defect or signature, as {@code engine ×n}
 */
record Witness(String anchor, FindingRecord record, Defect defect, List<String> alsoFoundBy) {
    /** Steps shown: the end of the witness is where the race closes. */
    static final int STEPS = 40;

    Witness {
        alsoFoundBy = List.copyOf(alsoFoundBy);
    }

    String heading() {
        Finding f = record.finding();
        return defect != null ? defect.id() + " — " + defect.title() : f.kind().word() + ": " + f.summary();
    }

    List<Step> shownSteps() {
        List<Step> all = record.finding().witness();
        return all.subList(Math.max(0, all.size() - STEPS), all.size());
    }

    int omittedSteps() {
        return record.finding().witness().size() - shownSteps().size();
    }

    /** The shown steps with one column per actor, in the order the actors first act. */
    Table interleaving() {
        List<Step> steps = shownSteps();
        List<String> actors = new ArrayList<>();
        for (Step s : steps) {
            if (!actors.contains(s.actor())) {
                actors.add(s.actor());
            }
        }
        Table.Builder t = new Table.Builder().num("Step");
        actors.forEach(t::col);
        for (Step s : steps) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(Integer.toString(s.seq())));
            for (String a : actors) {
                row.add(a.equals(s.actor()) ? Cell.code(s.point()) : Cell.text(""));
            }
            t.row(row);
        }
        int omitted = omittedSteps();
        if (omitted > 0) {
            t.note(omitted + " earlier steps not shown (" + record.finding().witness().size() + " in all).");
        }
        return t.build();
    }

    List<String> firings() {
        return record.finding().faults().stream().map(Firing::toString).toList();
    }

    /** The KASAN-style report, its witness cut to the shown steps. */
    String kasan() {
        Finding f = record.finding();
        Finding shown = new Finding(f.kind(), f.summary(), f.object(), f.sites(), shownSteps(), f.faults(), f.detail(),
                f.furtherAccesses());
        String context = record.variant() + (record.scenario().isEmpty() ? "" : " / " + record.scenario());
        return KasanReport.render(shown, context);
    }
}
