package dev.unbind.engine.stress;

import dev.unbind.result.LatencyStat;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Wall-clock latency of the family's teardown operations ({@code Family.teardownOps()}: remove,
 * close...) per scenario, in HdrHistograms: what a fix costs the remover with an fd open or a
 * reader blocked.
 */
final class Latencies {
    private final Set<String> measured;
    private final String situation;
    private final Map<String, Histogram> byOp = new TreeMap<>();

    Latencies(Set<String> measured, String situation) {
        this.measured = Set.copyOf(measured);
        this.situation = situation;
    }

    void record(String op, long nanos) {
        if (!measured.contains(op)) {
            return;
        }
        Histogram h;
        synchronized (byOp) {
            h = byOp.computeIfAbsent(op, o -> new ConcurrentHistogram(3));
        }
        h.recordValue(Math.max(1, nanos / 1000));
    }

    List<LatencyStat> stats() {
        List<LatencyStat> out = new ArrayList<>();
        synchronized (byOp) {
            byOp.forEach((op, h) -> out.add(new LatencyStat(op, situation, h.getTotalCount(),
                    h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue())));
        }
        return out;
    }
}
