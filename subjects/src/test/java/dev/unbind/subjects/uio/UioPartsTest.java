package dev.unbind.subjects.uio;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;
import dev.unbind.sched.ControlledScheduler;
import dev.unbind.sched.SegmentStrategy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Facts about the small pieces the uio machine is built from: the driver's irq line and runtime PM. */
class UioPartsTest {
    private static final Point IN_HANDLER = Point.step("test.in-handler");

    private static Kernel controlled(String... segments) {
        return Kernel.builder().scheduler(new ControlledScheduler(SegmentStrategy.of(segments))).build();
    }

    private static List<Finding> run(Kernel k, ActorSpec... actors) {
        k.run(List.of(List.of(actors)));
        k.checkQuiescence();
        assertEquals(List.of(), k.errors());
        return k.findingList();
    }

    @Test
    void freeIrq_waitsForARunningHandler_andTheLineRunsNothingOnceFreeingStarted() {
        Kernel k = controlled("device until test.in-handler", "remover", "device", "remover");
        Irq irq = new Irq(k, "test irq");
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger finishedWhenFreed = new AtomicInteger(-1);
        irq.request(Callback.builtin("handler", () -> {
            k.at(IN_HANDLER);
            calls.incrementAndGet();
        }));
        List<Finding> found = run(k,
                ActorSpec.of("device", () -> {
                    irq.raise(); // paused inside the handler while the remover frees the line
                    irq.raise(); // after free_irq began: not delivered
                }),
                ActorSpec.of("remover", () -> {
                    irq.free();
                    finishedWhenFreed.set(calls.get());
                }));
        assertEquals(1, finishedWhenFreed.get(), "free_irq returned before the running handler did");
        assertEquals(1, calls.get());
        assertEquals(List.of(), found);
    }

    @Test
    void raisingAFreedLine_runsNothing() {
        Kernel k = Kernels.onThreads();
        Irq irq = new Irq(k, "test irq");
        AtomicBoolean ran = new AtomicBoolean();
        irq.request(Callback.builtin("handler", () -> ran.set(true)));
        irq.free();
        irq.raise();
        assertFalse(ran.get());
    }

    @Test
    void runtimePm_aGetNeverPut_isALeakAtQuiescence() {
        Kernel k = Kernels.onThreads();
        RuntimePm pm = new RuntimePm(k, "dev0");
        pm.get();
        pm.get();
        pm.put();
        k.checkQuiescence();
        assertEquals(List.of(Kind.LEAK), k.findingList().stream().map(Finding::kind).toList());
        assertEquals("runtime_pm dev0", k.findingList().get(0).object());
    }

    @Test
    void runtimePm_aPutWithoutItsGet_isAnUnderflow() {
        Kernel k = Kernels.onThreads();
        RuntimePm pm = new RuntimePm(k, "dev0");
        pm.put();
        k.checkQuiescence();
        assertEquals(List.of(Kind.REFCOUNT), k.findingList().stream().map(Finding::kind).toList());
    }
}
