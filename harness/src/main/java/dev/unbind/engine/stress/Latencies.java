package dev.unbind.engine.stress;

import dev.unbind.result.LatencyStat;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wall-clock latency of the family's teardown operations in one scenario, in HdrHistograms of
 * microseconds: what a fix costs the remover in the scenario's situation (an fd open, a reader
 * blocked, a mapping alive). The histograms go into the run record, so that reports merge the
 * scenarios of one situation before reading percentiles.
 */
final class Latencies {
    /** Two significant digits: 1% resolution, and a histogram small enough to journal. */
    private static final int DIGITS = 2;

    private final Teardown teardown;
    private final Map<String, Histogram> byOp = new TreeMap<>();

    Latencies(Teardown teardown) {
        this.teardown = teardown;
    }

    void record(String op, long nanos) {
        if (!teardown.ops().contains(op)) {
            return;
        }
        Histogram h;
        synchronized (byOp) {
            h = byOp.computeIfAbsent(op, o -> new ConcurrentHistogram(DIGITS));
        }
        h.recordValue(Math.max(1, nanos / 1000));
    }

    List<LatencyStat> stats() {
        List<LatencyStat> out = new ArrayList<>();
        synchronized (byOp) {
            byOp.forEach((op, h) -> out.add(LatencyStat.of(op, teardown.situation(), h)));
        }
        return out;
    }
}
