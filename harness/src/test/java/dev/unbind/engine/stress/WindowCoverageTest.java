package dev.unbind.engine.stress;

import dev.unbind.kernel.Actor;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;
import dev.unbind.result.WindowStat;
import dev.unbind.sched.Kernels;
import org.junit.jupiter.api.Test;

import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A window's violations are the findings of the actor that passed it while it was open, made later
 * in the same operation, on an object the window guards. Deterministic: one thread plays both
 * sides, the remover's operation staying in flight while the reader runs.
 */
class WindowCoverageTest {
    private static final Point GOT_INTERFACE = Point.window("test.read.got-interface", "remove").guarding("usb_interface");
    private static final Point LATER = Point.step("test.read.later");

    /** The objects of one run: the interface the window guards, and an URB it does not. */
    private record Objects(Cell intf, Cell urb) {
    }

    /**
     * One run: remove frees both objects and stays in flight while {@code reader} runs; returns the
     * window's counts.
     */
    private static WindowStat run(BiConsumer<Kernel, Objects> reader) {
        Kernel k = Kernels.onThreads();
        WindowCoverage coverage = new WindowCoverage();
        WindowCoverage.Run run = coverage.newRun();
        k.listener(run);
        k.opListener(run);
        Objects o = new Objects(k.memory().alloc("usb_interface", "kzalloc(usb_interface)"),
                k.memory().alloc("urb", "usb_alloc_urb"));
        Actor remover = k.actor("remover");
        k.op("remove", () -> {
            k.memory().free(o.intf(), "kfree(intf)");
            k.memory().free(o.urb(), "usb_free_urb");
            k.actor("reader");
            reader.accept(k, o);
            remover.bind();
        });
        run.finish(k.findingList());
        return coverage.stats().stream().filter(w -> w.point().equals(GOT_INTERFACE.name())).findFirst().orElseThrow();
    }

    @Test
    void theGuardedObjectUsedAfterThePass_inTheSameOperation_isAViolation() {
        WindowStat w = run((k, o) -> k.op("read", () -> {
            k.at(GOT_INTERFACE);
            k.at(LATER);
            o.intf().touch("read intf->dev");
        }));
        assertEquals(1, w.racing(), "the window was open: remove in flight");
        assertEquals(1, w.violations());
    }

    @Test
    void aLaterUnrelatedFindingOfTheSameActor_isNotCountedAgainstTheWindow() {
        WindowStat w = run((k, o) -> {
            k.op("read", () -> {
                k.at(GOT_INTERFACE);
                o.urb().touch("usb_submit_urb(urb)"); // another object, same operation
                k.expectResult("read", -Errno.ENOENT, 0, -Errno.ENODEV); // an errno, same operation
            });
            k.op("write", () -> o.intf().touch("read intf->dev")); // the guarded object, a later operation
        });
        assertEquals(1, w.racing());
        assertEquals(0, w.violations(), "three findings of the reader after it passed the window, none the window's");
    }

    @Test
    void aFindingBeforeThePass_orOfAnotherActor_isNotCountedAgainstTheWindow() {
        WindowStat w = run((k, o) -> {
            k.op("read", () -> {
                o.intf().touch("read intf->dev"); // before the window
                k.at(GOT_INTERFACE);
                Actor reader = k.self();
                k.actor("kworker:urb");
                o.intf().touch("complete: read intf->dev"); // after the pass, but not the reader's
                reader.bind();
            });
        });
        assertEquals(1, w.racing());
        assertEquals(0, w.violations());
    }

    @Test
    void aPassWhileTheOtherSideIsIdle_isNoViolation() {
        Kernel k = Kernels.onThreads();
        WindowCoverage coverage = new WindowCoverage();
        WindowCoverage.Run run = coverage.newRun();
        k.listener(run);
        k.opListener(run);
        Cell intf = k.memory().alloc("usb_interface", "kzalloc(usb_interface)");
        k.memory().free(intf, "kfree(intf)");
        k.actor("reader");
        k.op("read", () -> {
            k.at(GOT_INTERFACE);
            intf.touch("read intf->dev");
        });
        run.finish(k.findingList());
        WindowStat w = coverage.stats().get(0);
        assertEquals(1, w.hits());
        assertEquals(0, w.racing());
        assertEquals(0, w.violations(), "a window that was never open cannot turn into a bug");
    }
}
