package dev.unbind.report;

import dev.unbind.result.Factor;
import dev.unbind.result.LatencyStat;
import dev.unbind.result.TeardownLatencies;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the fix costs the remover: per situation (fd open, reader blocked, mapping alive) one row per
 * variant, the teardown operations side by side with p50/p99 and their sample counts, and the p99 as
 * a factor over the pre-fix code; the per-scenario figures behind them in {@link #detail}.
 */
final class CostTable {
    private CostTable() {
    }

    static Table of(TeardownLatencies l) {
        Table.Builder t = new Table.Builder().col("Situation").col("Variant");
        List<String> ops = l.ops();
        for (String op : ops) {
            t.num(op + ": p50 / p99 µs (samples)").num(op + ": p99 vs. pre-fix");
        }
        for (String situation : l.situations()) {
            for (String variant : l.variants()) {
                List<Cell> row = new ArrayList<>(List.of(Cell.text(TeardownLatencies.words(situation)), Cell.ref(variant)));
                boolean any = false;
                for (String op : ops) {
                    Optional<LatencyStat> m = l.get(variant, situation, op);
                    any |= m.isPresent();
                    row.add(Cell.text(m.map(CostTable::percentiles).orElse(Fmt.NONE)));
                    row.add(m.isEmpty() ? Cell.text(Fmt.NONE) : l.isFirst(variant, situation, op)
                            ? Cell.text("(the base)").tone(Tone.NONE) : factor(l.p99OverFirst(variant, situation, op).orElseThrow()));
                }
                if (any) {
                    t.row(row);
                }
            }
        }
        return t.note("Every scenario of one situation merged (HdrHistogram); p99 vs. pre-fix: this p99 over the first "
                + "variant's (catalogue order, the pre-fix code first), \"too few samples\" below "
                + LatencyStat.MIN_SAMPLES + " samples on either side, \"within noise\" when the 95% intervals "
                + "of the two p99s allow a factor of 1.").build();
    }

    static String percentiles(LatencyStat m) {
        return Fmt.micros(m.p50us()) + " / " + Fmt.micros(m.p99us()) + " (" + Fmt.count(m.count()) + ")";
    }

    /** {@code ×1.50 (1.20–1.90)}; too few samples and within noise said so, greyed: such a factor ranks nothing. */
    private static Cell factor(Factor f) {
        if (f.noise().startsWith("too few")) {
            return Cell.text("too few samples").tone(Tone.NONE);
        }
        return Cell.text(f.words()).tone(f.withinNoise() ? Tone.NONE : Tone.PLAIN);
    }

    /** The figures of every scenario, as the run records reported them. */
    static Table detail(TeardownLatencies l) {
        List<String> variants = l.variants();
        List<TeardownLatencies.Entry> entries = new ArrayList<>(l.entries());
        entries.sort(Comparator.comparing((TeardownLatencies.Entry e) -> e.stat().op())
                .thenComparingInt(e -> variants.indexOf(e.variant())).thenComparing(TeardownLatencies.Entry::scenario));
        Table.Builder t = new Table.Builder().col("Operation").col("Variant").col("Scenario").col("Situation")
                .num("Samples").num("p50 µs").num("p99 µs").num("Max µs");
        for (TeardownLatencies.Entry e : entries) {
            var s = e.stat();
            t.row(List.of(Cell.code(s.op()), Cell.ref(e.variant()), Cell.code(e.scenario()),
                    Cell.text(TeardownLatencies.words(s.situation())), Cell.text(Fmt.count(s.count())),
                    Cell.text(Fmt.micros(s.p50us())), Cell.text(Fmt.micros(s.p99us())), Cell.text(Fmt.micros(s.maxUs()))));
        }
        return t.build();
    }
}
