package dev.unbind.engine.cost;

import dev.unbind.result.ReadSideCost;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.ReadSideCall;
import dev.unbind.subject.Subjects;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What each fix costs every call, device alive: each selected variant's {@link ReadSide} call
 * repeated on one thread, uncontended, and timed in batches. The figure is the median ns per call
 * of a variant's batches; the pre-fix variant's figure is the baseline a reviewer compares a fix
 * against.
 *
 * <p>This is the harness's own in-process timing, cheap enough for every nightly run. The JIT
 * compiles the shared kernel code while the first calls run and keeps changing its mind as it
 * sees more types, so the variants are measured in rounds: a warm-up round over all of them, then
 * each timed batch in turn over all of them, so that whatever the JIT does falls on every variant
 * alike. Compare the variants of one family, not absolute figures across runs;
 * {@code ./unbind bench ReadSide} measures the same calls with JMH, one forked JVM per variant.
 *
 * <p>No figure is journaled for a call that breaks on its variant (a sketch that does not work as
 * posted: the run is {@code skipped}, the note says how) or that keeps memory at every call
 * (the family's read side is not repeatable: an {@code error}).
 */
public final class ReadSideEngine {
    public static final String ENGINE = ReadSideCost.ENGINE;
    public static final String SCENARIO = "read-side";
    /** Odd, so the median is a batch; 11 paired ratios give a 98.8% interval between the 2nd and 10th. */
    private static final int BATCHES = 11;
    private static final int CHUNK = 256;

    /** @param perVariant wall time for one variant: a fifth warms up, the rest is timed */
    public record Options(Duration perVariant) {
        public Options {
            Objects.requireNonNull(perVariant);
        }
    }

    private final Options options;
    private final ResultSink sink;

    public ReadSideEngine(Options options, ResultSink sink) {
        this.options = Objects.requireNonNull(options);
        this.sink = Objects.requireNonNull(sink);
    }

    /** Measures every selected variant; returns how many got a figure. */
    public int run(List<Subjects.Selected> selected) {
        List<Measurement> all = new ArrayList<>();
        for (Subjects.Selected s : selected) {
            all.add(new Measurement(s));
        }
        long warmUp = options.perVariant().toNanos() / 5;
        long batch = options.perVariant().toNanos() * 4 / 5 / BATCHES;
        all.forEach(m -> m.repeat(warmUp, -1));
        all.forEach(m -> m.batchMs = batch / 1e6);
        for (int b = 0; b < BATCHES; b++) {
            for (Measurement m : all) {
                m.repeat(batch, b);
            }
        }
        int measured = 0;
        for (Measurement m : all) {
            RunRecord r = m.record();
            sink.run(r);
            if (r.readSide() != null) {
                measured++;
                sink.progress(String.format("  cost %-36s %-20s %8.1f ns/call", r.variant(), r.readSide().call(),
                        r.readSide().medianNs()));
            } else {
                sink.progress(String.format("  cost %-36s %s", r.variant(), r.note()));
            }
        }
        return measured;
    }

    /** One variant's call on its own kernel, and what its batches measured. */
    private static final class Measurement {
        private final Subjects.Selected selected;
        private final double[] nsPerCall = new double[BATCHES];
        private ReadSideCall call;
        private long calls;
        private double seconds;
        private double batchMs;
        private String broken;

        Measurement(Subjects.Selected selected) {
            this.selected = selected;
            long t0 = System.nanoTime();
            try {
                call = new ReadSideCall(selected.family(), selected.id());
                broken = call.broken();
            } catch (RuntimeException | Error e) {
                broken = "the call cannot be made: " + e.getMessage();
            }
            seconds += (System.nanoTime() - t0) / 1e9;
        }

        /** Calls in chunks for {@code nanos}; batch {@code b} records its ns per call (-1: warm-up). */
        void repeat(long nanos, int b) {
            if (broken != null) {
                return;
            }
            long t0 = System.nanoTime();
            long until = t0 + nanos;
            long n = 0;
            try {
                do {
                    for (int i = 0; i < CHUNK; i++) {
                        call.run();
                    }
                    n += CHUNK;
                } while (System.nanoTime() < until && !Thread.currentThread().isInterrupted()); // cut: stop measuring
            } catch (RuntimeException | Error e) {
                broken = "the call fails when repeated: " + e.getMessage();
            }
            long took = System.nanoTime() - t0;
            seconds += took / 1e9;
            if (b >= 0 && broken == null) {
                nsPerCall[b] = (double) took / n;
                calls += n;
            }
        }

        RunRecord record() {
            String family = selected.family().id();
            if (broken == null) {
                broken = call.broken();
            }
            if (broken != null) {
                // The variant's own defect, for the other engines to report; on a fixed variant, an error.
                String status = selected.variant().expect() == Expectation.KEEPS_EVERY_PROPERTY ? "error" : "skipped";
                return RunRecord.of(ENGINE, family, selected.id(), SCENARIO, "", calls, seconds, status, "no figure: " + broken);
            }
            if (call.keptCells() != 0) {
                return RunRecord.of(ENGINE, family, selected.id(), SCENARIO, "", calls, seconds, "error",
                        "the read side is not repeatable: every call keeps memory ("
                                + call.keptCells() + " cells after " + calls + " calls)");
            }
            double[] sorted = nsPerCall.clone();
            Arrays.sort(sorted);
            ReadSideCost cost = new ReadSideCost(call.call(), calls, BATCHES,
                    sorted[BATCHES / 2], sorted[0], sorted[BATCHES - 1],
                    Arrays.stream(nsPerCall).boxed().toList(), batchMs);
            return new RunRecord(ENGINE, family, selected.id(), SCENARIO, "", calls, seconds, "ok",
                    "uncontended, " + BATCHES + " timed batches in rounds over the variants, after a warm-up round",
                    List.of(), List.of(), cost);
        }
    }
}
