package dev.unbind.engine.cost;

import dev.unbind.finding.Finding;
import dev.unbind.kernel.Kernel;
import dev.unbind.result.ReadSideCost;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Family;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What each fix costs every call, device alive: each selected variant's {@link ReadSide} call
 * repeated on one thread, uncontended, warmed up and then timed in batches. The figure is the
 * median ns per call of the batches; the pre-fix variant's figure is the baseline a reviewer
 * compares a fix against.
 *
 * <p>This is the harness's own in-process timing, cheap enough for every nightly run; variants
 * measured later in the same JVM run on code the JIT has seen more types in, so compare
 * variants of one family, not absolute figures across runs. {@code ./unbind bench ReadSide}
 * measures the same calls with JMH, one forked JVM per variant.
 *
 * <p>No figure is journaled for a call that breaks on its variant (a sketch that does not work as
 * posted: the run is {@code skipped}, the note says how) or that keeps memory at every call
 * (the family's read side is not repeatable: an {@code error}).
 */
public final class ReadSideEngine {
    public static final String ENGINE = "cost";
    public static final String SCENARIO = "read-side";
    private static final int BATCHES = 5;
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

    /** Measures every selected variant, one after the other; returns how many were measured. */
    public int run(List<Subjects.Selected> selected) {
        int measured = 0;
        for (Subjects.Selected s : selected) {
            RunRecord r = measure(s.family(), s.variant());
            sink.run(r);
            if (r.readSide() != null) {
                measured++;
                sink.progress(String.format("  cost %-36s %-20s %8.1f ns/call", s.id(), r.readSide().call(),
                        r.readSide().medianNs()));
            } else {
                sink.progress(String.format("  cost %-36s %s", s.id(), r.note()));
            }
        }
        return measured;
    }

    private RunRecord measure(Family<?> family, Variant<?> variant) {
        long start = System.nanoTime();
        String call = family.readSide().call();
        Kernel k = Kernel.builder().traceCapacity(64).build();
        Runnable once;
        try {
            once = family.readSide(variant.id(), k);
            once.run();
        } catch (RuntimeException | Error e) {
            return noFigure(family, variant, start, 0, "the call cannot be made: " + e.getMessage());
        }
        String broken = brokenBy(k);
        if (broken != null) {
            return noFigure(family, variant, start, 1, broken);
        }
        int allocated = k.memory().allocated();
        long batchNanos = options.perVariant().toNanos() * 4 / 5 / BATCHES;
        double[] nsPerCall = new double[BATCHES];
        long calls = 0;
        try {
            repeatFor(once, options.perVariant().toNanos() / 5);
            for (int b = 0; b < BATCHES; b++) {
                long t0 = System.nanoTime();
                long n = repeatFor(once, batchNanos);
                nsPerCall[b] = (double) (System.nanoTime() - t0) / n;
                calls += n;
            }
        } catch (RuntimeException | Error e) {
            return noFigure(family, variant, start, calls, "the call fails when repeated: " + e.getMessage());
        }
        broken = brokenBy(k);
        if (broken != null) {
            return noFigure(family, variant, start, calls, broken);
        }
        if (k.memory().allocated() != allocated) {
            return RunRecord.of(ENGINE, family.id(), variant.id(), SCENARIO, "", calls, seconds(start), "error",
                    "the read side is not repeatable: every call keeps memory ("
                            + (k.memory().allocated() - allocated) + " cells after " + calls + " calls)");
        }
        double[] sorted = nsPerCall.clone();
        Arrays.sort(sorted);
        ReadSideCost cost = new ReadSideCost(call, calls, BATCHES, sorted[BATCHES / 2], sorted[0], sorted[BATCHES - 1]);
        return new RunRecord(ENGINE, family.id(), variant.id(), SCENARIO, "", calls, seconds(start), "ok",
                "uncontended, " + BATCHES + " timed batches after a warm-up", List.of(), List.of(), cost);
    }

    /**
     * No figure: the call itself breaks on this variant (a sketch that does not work as posted).
     * That is the variant's own defect, for the other engines to report; on a variant that must
     * keep every property it is an error.
     */
    private static RunRecord noFigure(Family<?> family, Variant<?> variant, long start, long calls, String why) {
        String status = variant.expect() == Expectation.KEEPS_EVERY_PROPERTY ? "error" : "skipped";
        return RunRecord.of(ENGINE, family.id(), variant.id(), SCENARIO, "", calls, seconds(start), status,
                "no figure: " + why);
    }

    /** Calls {@code once} in chunks until {@code nanos} have passed; returns the calls made. */
    private static long repeatFor(Runnable once, long nanos) {
        long until = System.nanoTime() + nanos;
        long n = 0;
        do {
            for (int i = 0; i < CHUNK; i++) {
                once.run();
            }
            n += CHUNK;
        } while (System.nanoTime() < until);
        return n;
    }

    /** What the calls so far found on the kernel, or null. */
    private static String brokenBy(Kernel k) {
        if (!k.errors().isEmpty()) {
            return "the call fails: " + k.errors().get(0);
        }
        List<Finding> found = k.findingList();
        return found.isEmpty() ? null : "the call breaks a property: " + found.get(0).summary();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
