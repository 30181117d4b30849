package dev.unbind.bench;

import dev.unbind.subject.ReadSideCall;
import dev.unbind.subject.Subjects;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What every fix costs each call, device alive: each variant's read-side call (the family's
 * {@code readSide()}: an ioctl or a poll on an open file) repeated on one thread, one forked JVM
 * per variant, so no variant runs on code the JIT profiled for another. The cost engine of
 * {@code ./unbind nightly} measures the same calls in-process for the report; this is the
 * rigorous figure.
 *
 * <p>How to run: {@code ./unbind bench ReadSide} (one variant: {@code -p variant=drm.quiesced}).
 * What you should see: a few hundred ns per call; within a family the pre-fix variant
 * cheapest and each fix adding its guard (an SRCU read section, a percpu_ref tryget/put, an
 * rwsem read, a mutex) on top, the factors close to the guards' own costs in
 * {@code PrimitiveCostBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReadSideBench {
    /** Every variant (JMH needs literal values): {@code VariantListsTest} fails when this list and the families differ. */
    @Param({
            "drm.unregister-only", "drm.unplug-enter-exit", "drm.quiesced",
            "media.pre-series", "media.refcounted", "media.compat-ref", "media.refcounted-fenced",
            "misc.deregister-only", "misc.sync-rwsem", "misc.sync-srcu", "misc.mutex-as-posted",
            "misc.sync-register-srcu", "misc.fenced",
            "cdev.plain", "cdev.queued-as-posted", "cdev.sync-sketch-as-posted", "cdev.sync-sketch-is-sync-uninverted",
            "cdev.sync-sketch-init-completed", "cdev.sync-sketch-self-call-fixed", "cdev.fenced",
            "revocable.fs-replace-v5", "revocable.misc-provider", "revocable.fixed",
            "uio.mainline", "uio.late-release", "uio.vma-refcount", "uio.fenced"})
    public String variant;

    private ReadSideCall call;

    @Setup
    public void setup() {
        call = new ReadSideCall(Subjects.load().select(java.util.List.of(variant)).get(0).family(), variant);
        if (call.broken() != null) { // a sketch whose call does not work has no cost to measure
            throw new IllegalStateException(variant + ": no figure, " + call.broken());
        }
    }

    @Benchmark
    public void readSideCall() {
        call.run();
    }

    /** A call that found something or kept memory measured something else: say so instead of a figure. */
    @TearDown
    public void checkTheCallStayedARead() {
        if (call.broken() != null || call.keptCells() != 0) {
            throw new IllegalStateException(variant + ": the read-side call left findings or memory behind");
        }
    }
}
