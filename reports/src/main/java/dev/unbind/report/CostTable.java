package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.LatencyStat;
import dev.unbind.result.RunRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the fix costs: operation latencies measured on real threads, the variants of one operation
 * and situation side by side (remove with an fd open, with a reader blocked...). Percentiles of
 * different run records are not merged: a variant measured in two scenarios has two rows.
 */
final class CostTable {
    private record Entry(String variant, String scenario, LatencyStat stat) {
    }

    private CostTable() {
    }

    static Table of(Assessment.FamilyView family) {
        List<String> variants = family.variants().stream().map(v -> v.info().id()).toList();
        List<Entry> entries = new ArrayList<>();
        for (Assessment.VariantView v : family.variants()) {
            for (RunRecord r : v.runs()) {
                for (LatencyStat l : r.latencies()) {
                    entries.add(new Entry(r.variant(), r.scenario(), l));
                }
            }
        }
        List<String> groups = entries.stream().map(e -> key(e.stat())).distinct().sorted().toList();
        entries.sort(Comparator.comparingInt((Entry e) -> groups.indexOf(key(e.stat())))
                .thenComparingInt(e -> variants.indexOf(e.variant()))
                .thenComparing(Entry::scenario));
        Table.Builder t = new Table.Builder().col("Operation").col("Situation").col("Variant").col("Scenario")
                .num("Count").num("p50 µs (95%)").num("p99 µs (95%)").num("Max µs").col("p99 vs. first (interval)");
        Entry first = null;
        for (Entry e : entries) {
            if (first == null || !key(first.stat()).equals(key(e.stat()))) {
                first = e;
            }
            LatencyStat l = e.stat();
            t.row(List.of(Cell.code(l.op()), Cell.text(l.situation()), Cell.ref(e.variant()), Cell.code(e.scenario()),
                    Cell.text(Fmt.count(l.count())), Cell.text(withInterval(l.p50us(), l.p50LowUs(), l.p50HighUs())),
                    Cell.text(withInterval(l.p99us(), l.p99LowUs(), l.p99HighUs())), Cell.text(Fmt.micros(l.maxUs())),
                    ReadSideTable.factor(e == first ? null : l.p99Over(first.stat()))));
        }
        return t.note("Each percentile with its 95% distribution-free interval (the order statistics around its rank; "
                + "∞ when too few samples lie above it). p99 vs. first: this row's p99 over the p99 of the first row of "
                + "the same operation and situation (variants in catalogue order, the pre-fix code first), with the widest "
                + "ratio the two intervals allow; within noise when that holds 1 or is open: such a factor ranks nothing.").build();
    }

    private static String withInterval(double v, double lo, double hi) {
        return Fmt.micros(v) + " (" + Fmt.micros(lo) + "–" + (Double.isInfinite(hi) ? "∞" : Fmt.micros(hi)) + ")";
    }

    private static String key(LatencyStat l) {
        return l.op() + "\u0000" + l.situation();
    }
}
