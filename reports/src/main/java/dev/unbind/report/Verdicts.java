package dev.unbind.report;

import dev.unbind.code.SourceLine;
import dev.unbind.result.Assessment;
import dev.unbind.result.CiVerdict;
import dev.unbind.result.FixVerdict;
import dev.unbind.result.Recommendation;

import java.util.ArrayList;
import java.util.List;

/**
 * How the two verdicts read in the text reports: the CI verdict (the run's and each variant's:
 * did it behave as expected) and the fix verdict (does the fix hold), never mixed. Both come
 * ready-made from {@link Assessment}; this only gives them tones and links.
 */
final class Verdicts {
    private Verdicts() {
    }

    /** The run's CI verdict: PASS, FAIL or INCOMPLETE. */
    static Cell run(CiVerdict ci) {
        return Cell.text(ci.runWord()).tone(switch (ci) {
            case MET -> Tone.GOOD;
            case NOT_MET -> Tone.BAD;
            case INCOMPLETE, NOT_RUN -> Tone.WARN;
        });
    }

    /** A variant's CI verdict. */
    static Cell ci(CiVerdict ci) {
        return Cell.text(ci.words()).tone(switch (ci) {
            case MET -> Tone.GOOD;
            case NOT_MET -> Tone.BAD;
            case INCOMPLETE -> Tone.WARN;
            case NOT_RUN -> Tone.NONE;
        });
    }

    /** A variant's fix verdict: broken reads as bad whatever the catalogue expected. */
    static Cell fix(FixVerdict f) {
        return Cell.text(f.words()).tone(switch (f.state()) {
            case BROKEN -> Tone.BAD;
            case KEEPS_EVERY_PROPERTY -> Tone.GOOD;
            case INCOMPLETE -> Tone.WARN;
            case NOT_RUN -> Tone.NONE;
        });
    }

    /** A family's recommendation, each variant it names linked to its row. */
    static List<Cell> recommendation(Recommendation r) {
        return r.pieces().stream().map(p -> p.variant() ? Cell.ref(p.text()) : Cell.text(p.text())).toList();
    }

    /**
     * What each variant's fix changes: its description, then its {@code // FIX:} and {@code // BUG:}
     * lines, each linking to the source file (relative to the results directory when both are in
     * the project).
     */
    static List<List<Cell>> changes(Assessment.FamilyView f, SourceLinks links) {
        List<List<Cell>> items = new ArrayList<>();
        for (Assessment.VariantView v : f.variants()) {
            List<Cell> item = new ArrayList<>(List.of(Cell.ref(v.info().id()), Cell.text(": " + v.info().description())));
            lines(item, v.info().lines(SourceLine.FIX), "FIX", links);
            lines(item, v.info().lines(SourceLine.BUG), "BUG", links);
            items.add(item);
        }
        return items;
    }

    /**
     * What each variant's fix changes, in brief for the main page: its description, and how many
     * {@code // FIX:} and {@code // BUG:} lines it has, linked to where the detail page lists them.
     */
    static List<List<Cell>> changesInBrief(Assessment.FamilyView f, String detailPage) {
        List<List<Cell>> items = new ArrayList<>();
        for (Assessment.VariantView v : f.variants()) {
            List<Cell> item = new ArrayList<>(List.of(Cell.ref(v.info().id()), Cell.text(": " + v.info().description())));
            int fix = v.info().lines(SourceLine.FIX).size();
            int bug = v.info().lines(SourceLine.BUG).size();
            if (fix + bug > 0) {
                String what = (fix > 0 ? fix + " FIX" : "") + (fix > 0 && bug > 0 ? " and " : "") + (bug > 0 ? bug + " BUG" : "")
                        + (fix + bug == 1 ? " line" : " lines");
                item.add(Cell.text(" "));
                item.add(Cell.text(what).link(Links.page(detailPage, f.info().id() + "-changes")));
            }
            items.add(item);
        }
        return items;
    }

    private static void lines(List<Cell> item, List<SourceLine> lines, String kind, SourceLinks links) {
        if (lines.isEmpty()) {
            return;
        }
        item.add(Cell.text(" " + kind + ": "));
        for (int i = 0; i < lines.size(); i++) {
            SourceLine l = lines.get(i);
            item.add(Cell.code(l.reference().substring(l.reference().lastIndexOf('/') + 1)).link(links.href(l)));
            item.add(Cell.text((l.note().isEmpty() ? "" : " (" + l.note() + ")") + (i + 1 < lines.size() ? ", " : ".")));
        }
    }
}
