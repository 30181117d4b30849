package dev.unbind.bench;

import dev.unbind.sched.Kernels;
import dev.unbind.fault.FaultSpec;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Kref;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.PercpuRef;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.RwSem;
import dev.unbind.kernel.Srcu;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one primitive operation of the simulated kernel costs, uncontended, next to the bare
 * atomic it stands for. The model must stay well under a microsecond per operation, or the
 * engines cannot run millions of scenario steps per minute.
 *
 * <p>How to run: {@code ./unbind bench} (or {@code ./unbind bench PrimitiveCost}).
 * What you should see: a bare atomic pair in single-digit ns; a point, a kref get/put and an
 * access span in tens of ns; read sections of SRCU and rwsem below ~150 ns.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PrimitiveCostBench {
    private static final Point POINT = Point.window("bench.window");
    private static final Point OTHER = Point.window("bench.other");

    private Kernel kernel;
    private Kernel armedKernel;
    private Cell cell;
    private Kref kref;
    private Srcu srcu;
    private PercpuRef percpu;
    private RwSem rwsem;
    private Mutex mutex;
    private final AtomicInteger atomic = new AtomicInteger();
    private final Runnable noRelease = () -> { };

    @Setup
    public void setup() {
        kernel = Kernels.onThreadsBuilder().traceCapacity(1024).build();
        armedKernel = Kernels.onThreadsBuilder().faults(FaultSpec.parse("delay:bench.other:spin=1")).build();
        cell = kernel.memory().alloc("bench", "kzalloc(bench)");
        kref = new Kref(kernel, "bench.ref", cell);
        kref.get(); // never reaches zero
        srcu = new Srcu(kernel, "bench_srcu", cell);
        percpu = new PercpuRef(kernel, "bench_ref", cell);
        percpu.init(() -> { });
        rwsem = new RwSem(kernel, "bench_sem", cell);
        mutex = new Mutex(kernel, "bench_mutex", cell);
    }

    /** The floor: the atomic pair a real refcount costs. */
    @Benchmark
    public int baseline_atomicIncDec() {
        atomic.incrementAndGet();
        return atomic.decrementAndGet();
    }

    @Benchmark
    public void namedPoint_nothingArmed() {
        kernel.at(POINT);
    }

    @Benchmark
    public void namedPoint_planArmedForAnotherPoint() {
        armedKernel.at(POINT);
    }

    @Benchmark
    public void cell_touch() {
        cell.touch("read");
    }

    @Benchmark
    public void cell_accessSpan() {
        try (Cell.Access a = cell.enter("span")) {
            // the span itself is what is measured
        }
    }

    @Benchmark
    public void kref_getPut() {
        kref.get();
        kref.put(noRelease);
    }

    @Benchmark
    public void srcu_readSection() {
        int idx = srcu.readLock();
        srcu.readUnlock(idx);
    }

    @Benchmark
    public void percpuRef_tryGetLivePut() {
        if (percpu.tryGetLive()) {
            percpu.put();
        }
    }

    @Benchmark
    public void rwsem_readSection() {
        rwsem.downRead();
        rwsem.upRead();
    }

    @Benchmark
    public void mutex_lockUnlock() {
        mutex.lock();
        mutex.unlock();
    }
}
