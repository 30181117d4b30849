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
 * Wall-clock latency of selected operations (remove, close) per scenario, in HdrHistograms:
 * what a fix costs the remover with an fd open or a reader blocked.
 */
final class Latencies {
    static final Set<String> MEASURED = Set.of("remove", "close", "rmmod");

    private final String situation;
    private final Map<String, Histogram> byOp = new TreeMap<>();

    Latencies(String situation) {
        this.situation = situation;
    }

    void record(String op, long nanos) {
        if (!MEASURED.contains(op)) {
            return;
        }
        Histogram h;
        synchronized (byOp) {
            h = byOp.computeIfAbsent(op, o -> new ConcurrentHistogram(3));
        }
        h.recordValue(Math.max(1, nanos / 1000));
    }

    /**
     * One end of a 95% distribution-free interval for the {@code q} quantile: the value at rank
     * q·n ∓ 1.96·√(n·q·(1−q)) (the normal approximation of the binomial rank); infinite above when
     * that rank lies past the last sample.
     */
    static double bound(Histogram h, double q, int side) {
        long n = h.getTotalCount();
        if (n == 0) {
            return side < 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        double rank = q * n + side * 1.96 * Math.sqrt(n * q * (1 - q));
        if (side > 0 && Math.ceil(rank) > n) {
            return Double.POSITIVE_INFINITY;
        }
        double at = Math.max(1, Math.min(n, side < 0 ? Math.floor(rank) : Math.ceil(rank)));
        return h.getValueAtPercentile(100.0 * at / n);
    }

    List<LatencyStat> stats() {
        List<LatencyStat> out = new ArrayList<>();
        synchronized (byOp) {
            byOp.forEach((op, h) -> out.add(new LatencyStat(op, situation, h.getTotalCount(),
                    h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue(),
                    bound(h, 0.50, -1), bound(h, 0.50, 1), bound(h, 0.99, -1), bound(h, 0.99, 1))));
        }
        return out;
    }
}
