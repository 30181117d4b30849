package dev.unbind.report;

import dev.unbind.shard.MergeRecord;

import java.util.List;

/**
 * The report's "Shards" section, on its own, for a night merged from shards: each shard's planned and
 * actual time and how it ended, the cells that did not run, and the merge's problems.
 */
final class ShardsSection {
    private static final int SHOWN = 40;
    private ShardsSection() {
    }

    static void render(MergeRecord m, Sink out) {
        out.heading(2, "Shards", "shards");
        out.paragraph(List.of(Cell.text("Merged from " + m.count() + " shards (plan "), Cell.code(m.fingerprint()),
                Cell.text(", seed " + m.seed() + "): "),
                m.problems().isEmpty() ? Cell.text("every shard reported in time").tone(Tone.GOOD)
                        : Cell.text(m.problems().size() + " problem(s)").tone(Tone.BAD), Cell.text(".")));
        Table.Builder t = new Table.Builder().col("Shard").col("Status").num("Planned s").num("Took s").num("Budget s")
                .num("Cells run").col("Host").col("Directory");
        for (MergeRecord.ShardLine s : m.shards()) {
            Tone tone = s.status().equals(MergeRecord.OK) ? Tone.GOOD : Tone.BAD;
            t.row(List.of(Cell.text(s.index() + "/" + m.count()), Cell.text(s.status()).tone(tone),
                    Cell.text(Fmt.seconds(s.plannedSeconds())), Cell.text(s.status().equals(MergeRecord.MISSING)
                            ? Fmt.NONE : Fmt.seconds(s.seconds())),
                    Cell.text(s.budgetSeconds() == 0 ? Fmt.NONE : Fmt.seconds(s.budgetSeconds())),
                    Cell.text(s.ran() + " of " + s.cells()), Cell.text(s.host()), Cell.code(s.dir())));
        }
        out.table(t.build());
        if (!m.missingCells().isEmpty()) {
            out.heading(3, "Cells that did not run", "shards-missing");
            out.bullets(m.missingCells().stream().limit(SHOWN).map(c -> List.of(Cell.code(c).tone(Tone.BAD))).toList());
            if (m.missingCells().size() > SHOWN) {
                out.paragraph(List.of(Cell.text("and " + (m.missingCells().size() - SHOWN) + " more; "),
                        Cell.code(MergeRecord.FILE), Cell.text(" lists them all.")));
            }
        }
    }
}
