package dev.unbind.kernel;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexTest {
    private static final Point HOLDING = Point.step("test.holding");

    @Test
    void recursiveLock_isReportedAsSelfDeadlock() {
        Kernel k = Kernels.onThreads();
        Mutex m = new Mutex(k, "m");
        m.lock();
        assertThrows(HangAbort.class, m::lock);
        Finding f = k.findingList().get(0);
        assertEquals(Kind.HANG, f.kind());
        assertTrue(f.summary().contains("recursive mutex_lock(m)"));
    }

    @Test
    void waiter_runsOnlyAfterTheHolderUnlocks() {
        Kernel k = Runs.controlled("a until test.holding", "b", "a", "b");
        Mutex m = new Mutex(k, "m");
        List<String> order = new ArrayList<>();
        List<Finding> f = Runs.run(k, List.of(
                ActorSpec.of("a", () -> {
                    m.lock();
                    k.at(HOLDING);
                    order.add("a");
                    m.unlock();
                }),
                ActorSpec.of("b", () -> {
                    m.lock();
                    order.add("b");
                    m.unlock();
                })));
        assertTrue(f.isEmpty(), f.toString());
        assertEquals(List.of("a", "b"), order);
    }

    @Test
    void killableLock_returnsEintrOnFatalSignal() {
        Kernel k = Runs.controlled("a until test.holding", "b", "killer", "b", "a");
        Mutex m = new Mutex(k, "m");
        int[] rc = {1};
        Runs.run(k, List.of(
                ActorSpec.of("a", () -> {
                    m.lock();
                    k.at(HOLDING);
                    m.unlock();
                }),
                ActorSpec.of("b", () -> rc[0] = m.lockKillable()),
                ActorSpec.of("killer", () -> k.actorNamed("b").signal(true))));
        assertEquals(-Errno.EINTR, rc[0]);
    }

    @Test
    void lockNeverReleased_isAHangNamingTheHolder() {
        Kernel k = Runs.controlled("a", "b");
        Mutex m = new Mutex(k, "m");
        List<Finding> f = Runs.run(k, List.of(
                ActorSpec.of("a", m::lock), // BUG: returns holding the mutex
                ActorSpec.of("b", m::lock)));
        assertEquals(Kind.HANG, f.get(0).kind());
        assertTrue(f.get(0).site("blocked").orElseThrow().what().contains("held by a"), f.get(0).toString());
    }
}
