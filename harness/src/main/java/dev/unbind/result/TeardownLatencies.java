package dev.unbind.result;

import dev.unbind.subject.Situation;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The teardown latencies of one family, per variant, situation and operation: the HdrHistograms of
 * every scenario of one situation merged before percentiles are read ({@link LatencyStat#of}, which
 * also gives the p99's interval), and the p99 as a factor over the first variant's (the pre-fix code)
 * ({@link LatencyStat#p99Over}). The per-scenario stats are kept for the detail.
 */
public final class TeardownLatencies {
    /** The situations in the order reports show them: {@link Situation}'s. */
    public static final List<String> SITUATIONS = java.util.Arrays.stream(Situation.values()).map(Enum::name).toList();

    /** One stat as one run record (one scenario) reported it. */
    public record Entry(String variant, String scenario, LatencyStat stat) {
    }

    private final List<String> variants;
    private final List<Entry> entries;
    private final Map<String, LatencyStat> merged;
    private final boolean complete;

    private TeardownLatencies(List<String> variants, List<Entry> entries, Map<String, LatencyStat> merged, boolean complete) {
        this.variants = variants;
        this.entries = entries;
        this.merged = merged;
        this.complete = complete;
    }

    /** @param variants a family's variants, in catalogue order (the pre-fix code first) */
    public static TeardownLatencies of(List<Assessment.VariantView> variants) {
        List<Entry> entries = new ArrayList<>();
        for (Assessment.VariantView v : variants) {
            for (RunRecord r : v.runs()) {
                for (LatencyStat l : r.latencies()) {
                    entries.add(new Entry(v.info().id(), r.scenario(), l));
                }
            }
        }
        Map<String, Histogram> sums = new LinkedHashMap<>();
        boolean complete = true;
        for (Entry e : entries) {
            Optional<Histogram> h = e.stat().samples();
            if (h.isEmpty() || !SITUATIONS.contains(e.stat().situation())) {
                complete = false; // written before histograms and situations were journaled
                continue;
            }
            sums.computeIfAbsent(key(e.variant(), e.stat().situation(), e.stat().op()), k -> new Histogram(2)).add(h.get());
        }
        Map<String, LatencyStat> merged = new LinkedHashMap<>();
        sums.forEach((k, h) -> {
            String[] parts = k.split("\u0000");
            merged.put(k, LatencyStat.of(parts[2], parts[1], h));
        });
        return new TeardownLatencies(variants.stream().map(v -> v.info().id()).toList(), List.copyOf(entries), merged,
                complete && !entries.isEmpty());
    }

    private static String key(String variant, String situation, String op) {
        return variant + '\u0000' + situation + '\u0000' + op;
    }

    /** False when nothing was measured, or the journal predates situations: only the per-scenario detail exists. */
    public boolean merged() {
        return complete;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public List<Entry> entries() {
        return entries;
    }

    /** A variant's latency of {@code op} in {@code situation}, every scenario of it merged. */
    public Optional<LatencyStat> get(String variant, String situation, String op) {
        return Optional.ofNullable(merged.get(key(variant, situation, op)));
    }

    /** Situations measured, in the order of {@link #SITUATIONS}. */
    public List<String> situations() {
        return merged.values().stream().map(LatencyStat::situation).distinct()
                .sorted(Comparator.comparingInt(SITUATIONS::indexOf)).toList();
    }

    /** Operations measured, remove first. */
    public List<String> ops() {
        return merged.values().stream().map(LatencyStat::op).distinct()
                .sorted(Comparator.comparing((String o) -> !o.equals("remove")).thenComparing(o -> o)).toList();
    }

    public List<String> variants() {
        return variants;
    }

    /**
     * The variant's p99 over the first variant measured in this situation and operation (catalogue
     * order: the pre-fix code first); empty when the variant is that first one or either is missing.
     */
    public Optional<Factor> p99OverFirst(String variant, String situation, String op) {
        Optional<String> first = variants.stream().filter(v -> get(v, situation, op).isPresent()).findFirst();
        if (first.isEmpty() || first.get().equals(variant)) {
            return Optional.empty();
        }
        return get(variant, situation, op).map(m -> m.p99Over(get(first.get(), situation, op).orElseThrow()));
    }

    /** True when {@code variant} is the one the others in this situation and operation are compared with. */
    public boolean isFirst(String variant, String situation, String op) {
        return variants.stream().filter(v -> get(v, situation, op).isPresent()).findFirst().map(variant::equals).orElse(false);
    }

    /** "fd open", "reader blocked", "mapping alive", "nothing held". */
    public static String words(String situation) {
        return switch (situation) {
            case "FD_OPEN" -> "fd open";
            case "READER_BLOCKED" -> "reader blocked";
            case "MAPPING_ALIVE" -> "mapping alive";
            case "NONE" -> "nothing held";
            default -> situation;
        };
    }
}
