package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.LatencyStat;
import dev.unbind.result.RunRecord;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The teardown latencies of one family, per variant, situation and operation: the HdrHistograms of
 * every scenario of one situation merged before percentiles are read, each with its sample count and
 * an interval for its p99 (order statistics: the ranks {@code n·0.99 ± 1.96·√(n·0.99·0.01)}), and a
 * p99 factor over the pre-fix code that says "too few samples" below {@link #MIN_SAMPLES} and "within
 * noise" when its interval holds 1. The per-scenario stats are kept for the detail.
 */
final class TeardownLatencies {
    /** Fewer samples than this, and a p99 is the maximum of a handful: no factor is drawn from it. */
    static final int MIN_SAMPLES = 100;
    private static final List<String> SITUATIONS = List.of("FD_OPEN", "READER_BLOCKED", "MAPPING_ALIVE", "NONE");

    /** One variant's latency of one operation in one situation, every scenario of it merged. */
    record Merged(String variant, String situation, String op, Histogram samples) {
        long count() {
            return samples.getTotalCount();
        }

        double p50() {
            return samples.getValueAtPercentile(50);
        }

        double p99() {
            return samples.getValueAtPercentile(99);
        }

        /** The p99's 95% interval from the ranks around n·0.99. */
        double[] p99Interval() {
            double n = count();
            double spread = 1.96 * Math.sqrt(n * 0.99 * 0.01);
            double lo = Math.max(0, (n * 0.99 - spread) / n * 100);
            double hi = Math.min(100, (n * 0.99 + spread + 1) / n * 100);
            return new double[] {samples.getValueAtPercentile(lo), samples.getValueAtPercentile(hi)};
        }
    }

    /** One stat as one run record (one scenario) reported it. */
    record Entry(String variant, String scenario, LatencyStat stat) {
    }

    private final List<String> variants;
    private final List<Entry> entries;
    private final Map<String, Merged> merged;
    private final boolean complete;

    private TeardownLatencies(List<String> variants, List<Entry> entries, Map<String, Merged> merged, boolean complete) {
        this.variants = variants;
        this.entries = entries;
        this.merged = merged;
        this.complete = complete;
    }

    static TeardownLatencies of(Assessment.FamilyView family) {
        List<String> variants = family.variants().stream().map(v -> v.info().id()).toList();
        List<Entry> entries = new ArrayList<>();
        for (Assessment.VariantView v : family.variants()) {
            for (RunRecord r : v.runs()) {
                for (LatencyStat l : r.latencies()) {
                    entries.add(new Entry(v.info().id(), r.scenario(), l));
                }
            }
        }
        Map<String, Merged> merged = new LinkedHashMap<>();
        boolean complete = true;
        for (Entry e : entries) {
            Optional<Histogram> h = e.stat().samples();
            if (h.isEmpty() || !SITUATIONS.contains(e.stat().situation())) {
                complete = false; // written before histograms and situations were journaled
                continue;
            }
            merged.computeIfAbsent(key(e.variant(), e.stat().situation(), e.stat().op()),
                    k -> new Merged(e.variant(), e.stat().situation(), e.stat().op(), new Histogram(2)))
                    .samples().add(h.get());
        }
        return new TeardownLatencies(variants, List.copyOf(entries), merged, complete && !entries.isEmpty());
    }

    private static String key(String variant, String situation, String op) {
        return variant + '\u0000' + situation + '\u0000' + op;
    }

    /** False when nothing was measured, or the journal predates situations: only the per-scenario detail exists. */
    boolean merged() {
        return complete;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    List<Entry> entries() {
        return entries;
    }

    Optional<Merged> get(String variant, String situation, String op) {
        return Optional.ofNullable(merged.get(key(variant, situation, op)));
    }

    /** Situations measured, in the order fd open, reader blocked, mapping alive, none. */
    List<String> situations() {
        return merged.values().stream().map(Merged::situation).distinct()
                .sorted(Comparator.comparingInt(SITUATIONS::indexOf)).toList();
    }

    /** Operations measured, remove first. */
    List<String> ops() {
        return merged.values().stream().map(Merged::op).distinct()
                .sorted(Comparator.comparing((String o) -> !o.equals("remove")).thenComparing(o -> o)).toList();
    }

    List<String> variants() {
        return variants;
    }

    /** The first variant (pre-fix code first) measured in this situation and operation. */
    Optional<Merged> baseline(String situation, String op) {
        return variants.stream().map(v -> get(v, situation, op)).flatMap(Optional::stream).findFirst();
    }

    /** "fd open", "reader blocked", "mapping alive", "nothing held". */
    static String words(String situation) {
        return switch (situation) {
            case "FD_OPEN" -> "fd open";
            case "READER_BLOCKED" -> "reader blocked";
            case "MAPPING_ALIVE" -> "mapping alive";
            case "NONE" -> "nothing held";
            default -> situation;
        };
    }

    /** This cell's p99 over the baseline's, or why there is no such factor. */
    String factor(Merged m) {
        Merged base = baseline(m.situation(), m.op()).orElse(null);
        if (base == null || base == m) {
            return base == m ? "baseline" : Fmt.NONE;
        }
        if (m.count() < MIN_SAMPLES || base.count() < MIN_SAMPLES) {
            return "too few samples";
        }
        double[] a = m.p99Interval();
        double[] b = base.p99Interval();
        String f = Fmt.factor(m.p99(), base.p99());
        boolean noise = a[0] / b[1] <= 1 && a[1] / b[0] >= 1;
        return noise ? f + " (within noise)" : f;
    }
}
