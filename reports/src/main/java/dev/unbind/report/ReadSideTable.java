package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.ReadSideCost;
import dev.unbind.result.RunRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * What a fix costs every call, device alive: each variant's read-side call, uncontended, in ns
 * per call (the cost engine), the variants in catalogue order so the pre-fix code comes first
 * and every fix reads as a factor over it.
 */
final class ReadSideTable {
    private ReadSideTable() {
    }

    static Table of(Assessment.FamilyView family) {
        Table.Builder t = new Table.Builder().col("Variant").col("Call").num("ns per call").num("Batches (fastest–slowest)")
                .num("Calls").col("vs. pre-fix");
        Assessment.VariantView first = family.variants().get(0);
        for (Assessment.VariantView v : family.variants()) {
            for (RunRecord r : measured(v)) {
                ReadSideCost c = r.readSide();
                t.row(List.of(Cell.ref(r.variant()), Cell.code(c.call()), Cell.text(Fmt.nanos(c.medianNs())),
                        Cell.text(Fmt.nanos(c.minNs()) + "–" + Fmt.nanos(c.maxNs())), Cell.text(Fmt.count(c.calls())),
                        v == first ? Cell.text("(the base)").tone(Tone.NONE)
                                : family.readSideOverFirst(v).map(ReadSideTable::factor).orElse(Cell.text(Fmt.NONE).tone(Tone.NONE))));
            }
        }
        return t.note("One call repeated on one thread with the device alive and nothing racing it: what the fix "
                + "adds to every call. ns per call is the median of a variant's timed batches, taken in rounds over "
                + "every variant after a warm-up round, in the nightly JVM (compare the variants of a family; "
                + "./unbind bench ReadSide measures the same calls with JMH, a forked JVM each). vs. pre-fix: the median "
                + "of the per-round ratios over the pre-fix code's batches (the family's first variant), with a distribution-free interval (the 2nd "
                + "and 10th of 11 ratios, 98.8%); within noise when the interval holds 1 or the batches were too short: "
                + "such a factor ranks nothing.").build();
    }

    /** A factor with its interval; within noise shown as such, never as a ranking. */
    static Cell factor(dev.unbind.result.Factor f) {
        if (Double.isNaN(f.value())) {
            return Cell.text(Fmt.NONE).tone(Tone.NONE);
        }
        return f.withinNoise() ? Cell.text(f.words() + " — " + f.noise()).tone(Tone.NONE) : Cell.text(f.words());
    }

    static BarChart chart(Assessment.FamilyView family) {
        List<BarChart.Bar> bars = new ArrayList<>();
        for (Assessment.VariantView v : family.variants()) {
            for (RunRecord r : measured(v)) {
                bars.add(new BarChart.Bar(r.variant(), 0, r.readSide().medianNs(), Fmt.nanos(r.readSide().medianNs()) + " ns"));
            }
        }
        return new BarChart("Read side: ns per call, device alive, uncontended", BarChart.Axis.NANOS,
                List.of("ns per call"), bars);
    }

    private static List<RunRecord> measured(Assessment.VariantView v) {
        return v.runs().stream().filter(r -> r.readSide() != null).toList();
    }
}
