package dev.unbind.kernel;

import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Completions, wait queues and workqueues. */
class WaitingTest {
    private static final Point RUNNING = Point.step("test.work-running");

    @Test
    void conditionWithoutWakeUp_leavesTheSleeperAsleep() {
        Kernel k = Runs.controlled("sleeper", "waker");
        WaitQueue wq = new WaitQueue(k, "events", null);
        boolean[] dead = new boolean[1];
        List<Finding> f = Runs.run(k, List.of(
                ActorSpec.of("sleeper", () -> wq.waitEventInterruptible(() -> dead[0])),
                ActorSpec.of("waker", () -> dead[0] = true))); // BUG: no wake_up
        assertEquals(Kind.HANG, f.get(0).kind());
    }

    @Test
    void wakeUpAfterTheCondition_endsTheWait() {
        Kernel k = Runs.controlled("sleeper", "waker");
        WaitQueue wq = new WaitQueue(k, "events", null);
        boolean[] dead = new boolean[1];
        List<Finding> f = Runs.run(k, List.of(
                ActorSpec.of("sleeper", () -> wq.waitEventInterruptible(() -> dead[0])),
                ActorSpec.of("waker", () -> {
                    dead[0] = true;
                    wq.wakeUp();
                })));
        assertTrue(f.isEmpty(), f.toString());
    }

    @Test
    void interruptibleWait_returnsErestartsysOnSignal() {
        Kernel k = Runs.controlled("sleeper", "killer", "sleeper");
        WaitQueue wq = new WaitQueue(k, "events", null);
        int[] rc = {1};
        Runs.run(k, List.of(
                ActorSpec.of("sleeper", () -> rc[0] = wq.waitEventInterruptible(() -> false)),
                ActorSpec.of("killer", () -> k.actorNamed("sleeper").signal(false))));
        assertEquals(-Errno.ERESTARTSYS, rc[0]);
    }

    @Test
    void waitForCompletionNobodyCompletes_isAnUninterruptibleHang() {
        Kernel k = Runs.controlled("w", "killer", "w");
        Completion done = new Completion(k, "qdead", null);
        List<Finding> f = Runs.run(k, List.of(
                ActorSpec.of("w", done::waitForCompletion),
                ActorSpec.of("killer", () -> k.actorNamed("w").signal(true))));
        assertEquals(Kind.HANG, f.get(0).kind(), "a fatal signal does not end wait_for_completion");
    }

    @Test
    void timedWait_timesOutOnlyWhenNothingElseCanHappen() {
        Kernel k = Runs.controlled("w", "other");
        Completion done = new Completion(k, "flip_done", null);
        long[] rc = {-1};
        List<Finding> f = Runs.run(k, List.of(
                ActorSpec.of("w", () -> rc[0] = done.waitTimeout(10_000)),
                ActorSpec.of("other", done::complete)));
        assertTrue(f.isEmpty());
        assertEquals(1, rc[0], "the completion came before time ran out");
    }

    @Test
    void flushWork_waitsForTheRunningItem() {
        Kernel k = Runs.controlled("main until test.queued", "kworker:commit until test.work-running", "main", "kworker:commit", "main");
        Workqueue wq = new Workqueue(k, "system_unbound_wq");
        boolean[] ran = new boolean[1];
        boolean[] sawRan = new boolean[1];
        Workqueue.Work w = wq.work("commit", Callback.builtin("commit_work", () -> {
            k.at(RUNNING);
            ran[0] = true;
        }));
        List<Finding> f = Runs.run(k, List.of(ActorSpec.of("main", () -> {
            wq.queue(w);
            k.at(Point.step("test.queued"));
            wq.flush(w);
            sawRan[0] = ran[0];
        })));
        assertTrue(f.isEmpty(), f.toString());
        assertTrue(sawRan[0]);
    }

    @Test
    void cancelSync_ofAPendingItem_meansItNeverRuns() {
        Kernel k = Runs.controlled("main", "kworker:commit");
        Workqueue wq = new Workqueue(k, "system_unbound_wq");
        boolean[] ran = new boolean[1];
        Workqueue.Work w = wq.work("commit", Callback.builtin("commit_work", () -> ran[0] = true));
        boolean[] wasPending = new boolean[1];
        Runs.run(k, List.of(ActorSpec.of("main", () -> {
            wq.queue(w);
            wasPending[0] = wq.cancelSync(w);
        })));
        assertTrue(wasPending[0]);
        assertTrue(!ran[0], "cancelled work ran");
    }
}
