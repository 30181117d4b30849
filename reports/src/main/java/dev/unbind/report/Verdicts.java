package dev.unbind.report;

import dev.unbind.code.SourceLine;
import dev.unbind.result.Assessment;
import dev.unbind.result.CiVerdict;
import dev.unbind.result.FixVerdict;

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

    /** Every variant of every family with both verdicts: the table at the top of the report. */
    static Table overview(Assessment a) {
        Table.Builder t = new Table.Builder().col("Family").col("Variant").col("Fix verdict").col("CI: expectation").col("Met");
        for (Assessment.FamilyView f : a.families()) {
            for (Assessment.VariantView v : f.variants()) {
                t.row(List.of(Cell.code(f.info().id()).link("#" + f.info().id()), Cell.ref(v.info().id()), fix(v.fix()),
                        Cell.text(VerdictTable.expectation(v.info())), ci(v.ci())));
            }
        }
        return t.note("Fix verdict: does the fix hold (broken: the properties some engine saw broken). "
                + "CI: did the variant behave as its catalogue expects — a pre-fix variant that shows its defects meets it.")
                .build();
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
