package dev.unbind.report;

import dev.unbind.result.FindingRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The page of one witness, beside the main report ({@code witnesses/<anchor>}): what happened, why,
 * where, which engine found it and how to replay it, then the interleaving of named steps and the
 * KASAN-style report. Kept off the main page, which links every witness from its findings table.
 */
final class WitnessPage {
    private WitnessPage() {
    }

    /** The page's path without extension, relative to the results directory. */
    static String path(Witness w) {
        return "witnesses/" + w.anchor();
    }

    static void render(String family, Witness w, Sink out) {
        FindingRecord r = w.record();
        out.heading(1, w.heading(), w.anchor());
        out.paragraph(List.of(Cell.text("Family "), Cell.code(family).link("#" + family), Cell.text(" · "),
                Cell.text("all findings").link("#" + family + "-findings"), Cell.text(" · "),
                Cell.text("the whole report").link("#top")));
        List<List<Cell>> facts = new ArrayList<>();
        int further = r.finding().furtherAccesses();
        facts.add(List.of(Cell.text("What: "), Cell.text(r.finding().summary() + (further == 0 ? ""
                : " (one bug: " + further + (further == 1 ? " further access" : " further accesses")
                + " of the same object by the same actor in the same step folded into it)"))));
        if (w.defect() != null && present(w.defect().because())) {
            facts.add(List.of(Cell.text("Because: "), Cell.text(w.defect().because())));
        }
        List<Cell> where = new ArrayList<>(List.of(Cell.text("Where: "), Cell.ref(r.variant())));
        if (!r.scenario().isEmpty()) {
            where.add(Cell.text(", scenario "));
            where.add(Cell.code(r.scenario()));
        }
        where.add(Cell.text(", faults "));
        where.add(r.faults().isEmpty() ? Cell.text("none") : Cell.code(r.faults()));
        facts.add(where);
        facts.add(List.of(Cell.text("Found by: " + r.engine() + " after " + Fmt.seconds(r.secondsToDetect()) + " s and "
                + r.runsToDetect() + " " + Engines.unit(r.engine()) + " (seed " + r.seed() + ")")));
        if (!r.schedule().isEmpty()) {
            facts.add(List.of(Cell.text("Schedule: "), Cell.code(String.join(" ", r.schedule()))));
        }
        if (present(r.file())) {
            facts.add(List.of(Cell.text("Replay: "), Cell.code(r.file()).link(r.file()), Cell.text(" with "),
                    Cell.code("./unbind repro " + r.file())));
        }
        if (!w.alsoFoundBy().isEmpty()) {
            facts.add(List.of(Cell.text("Also found by: " + String.join(", ", w.alsoFoundBy()))));
        }
        if (w.defect() != null && present(w.defect().reference())) {
            facts.add(List.of(Cell.text("Reference: " + w.defect().reference())));
        }
        out.bullets(facts);
        int all = r.finding().witness().size();
        if (all == 0) {
            out.paragraph(List.of(Cell.text("Interleaving: no named steps recorded.")));
        } else {
            out.paragraph(List.of(Cell.text(w.omittedSteps() > 0
                    ? "Interleaving (the last " + w.shownSteps().size() + " of " + all + " named steps):"
                    : "Interleaving (" + all + " named steps):")));
            out.table(w.interleaving());
        }
        if (w.firings().isEmpty()) {
            out.paragraph(List.of(Cell.text("Faults fired: none.")));
        } else {
            out.paragraph(List.of(Cell.text("Faults fired:")));
            out.bullets(w.firings().stream().map(s -> List.of(Cell.code(s))).toList());
        }
        out.paragraph(List.of(Cell.text("KASAN-style report" + (w.omittedSteps() > 0
                ? " (witness cut to the steps above):" : ":"))));
        out.code(w.kasan());
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
