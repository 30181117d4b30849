package dev.unbind.report;

import dev.unbind.finding.Kind;
import dev.unbind.result.Assessment;
import dev.unbind.result.Catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The variants × properties table: a row per variant with its expectation, a column per property.
 * A broken cell is <em>expected</em> when every finding in it shows a catalogued defect of the
 * variant, <em>unexpected</em> otherwise; a kept cell of a property the variant has a catalogued
 * defect for says the defect was not seen.
 */
final class VerdictTable {
    static final String BROKEN = "✗";
    static final String KEPT = "✓";

    private VerdictTable() {
    }

    static Table of(Assessment.FamilyView family, Witnesses witnesses) {
        Table.Builder t = new Table.Builder().col("Variant").col("Fix verdict").col("Expectation").col("CI");
        for (Kind k : Kind.values()) {
            t.col(k.name());
        }
        for (Assessment.VariantView v : family.variants()) {
            String id = v.info().id();
            List<Cell> row = new ArrayList<>();
            row.add(Cell.code(id).anchor(id));
            row.add(Verdicts.fix(v.fix()));
            row.add(Cell.text(expectation(v.info())));
            row.add(Verdicts.ci(v.ci()));
            for (Assessment.PropertyCell c : v.properties()) {
                row.add(cell(v, c, witnesses));
            }
            t.row(row);
        }
        return t.note(KEPT + " kept · " + BROKEN + " broken (expected: a catalogued defect of the variant; "
                + "unexpected: anything else) · " + Fmt.NONE + " not run").build();
    }

    /** "keeps every property" or "shows its defects", from the variant's declared expectation. */
    static String expectation(Catalogue.VariantInfo v) {
        if (v.fixed()) {
            return "keeps every property";
        }
        if ("SHOWS_ITS_DEFECTS".equals(v.expect())) {
            return "shows its defects";
        }
        return v.expect() == null ? "" : v.expect().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static Cell cell(Assessment.VariantView v, Assessment.PropertyCell c, Witnesses witnesses) {
        boolean catalogued = v.defects().stream().anyMatch(d -> d.defect().property() == c.property());
        return switch (c.verdict()) {
            case Assessment.BROKEN -> {
                boolean expected = !c.witnesses().isEmpty() && c.witnesses().stream().allMatch(w -> w.defect() != null);
                Cell cell = expected ? Cell.text(BROKEN + " expected").tone(Tone.EXPECTED)
                        : Cell.text(BROKEN + " unexpected").tone(Tone.BAD);
                String anchor = c.witnesses().stream().filter(w -> expected || w.defect() == null)
                        .map(witnesses::anchor).filter(a -> a != null).findFirst().orElse(null);
                yield anchor == null ? cell : cell.link("#" + anchor);
            }
            case Assessment.KEPT -> catalogued ? Cell.text(KEPT + " (defect not seen)").tone(Tone.WARN)
                    : Cell.text(KEPT).tone(Tone.GOOD);
            default -> Cell.text(Fmt.NONE).tone(Tone.NONE);
        };
    }
}
