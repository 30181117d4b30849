package dev.unbind.sched;

import dev.unbind.kernel.WaitOutcome;
import dev.unbind.kernel.WaitMode;
import dev.unbind.kernel.Wait;
import dev.unbind.kernel.Scheduler;
import dev.unbind.kernel.Actor;
import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.HangAbort;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;

import java.util.ArrayList;
import java.util.List;

/**
 * For Lincheck's model checker, which owns the threads and switches at shared-memory accesses:
 * named points cost nothing, and a wait is a plain loop of condition checks and
 * {@link Thread#yield()}, which Lincheck recognises as a spin loop. A wait nobody satisfies is
 * reported by Lincheck as "The execution has hung"; the loop names the wait in its argument.
 *
 * <p>Spawned actors (work items) do not start by themselves: the test runs them with
 * {@link #runPending()}, typically from an {@code @Operation} such as {@code kworker()}.
 * {@link #run} runs phases serially on the calling thread.
 */
public final class InlineScheduler implements Scheduler {
    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public void point(Actor self, Point p) {
    }

    @Override
    public WaitOutcome block(Actor self, Wait w, WaitMode mode, long timeoutMs) {
        return spinUntil(w.what(), w, self, mode, timeoutMs);
    }

    private static WaitOutcome spinUntil(String what, Wait w, Actor self, WaitMode mode, long timeoutMs) {
        for (int i = 0; ; i++) {
            if (w.ready()) {
                return WaitOutcome.READY;
            }
            if (self.aborted()) {
                throw new HangAbort("run hung: " + what);
            }
            if (mode == WaitMode.KILLABLE && self.fatalSignalPending()
                    || mode == WaitMode.INTERRUPTIBLE && self.signalPending()) {
                return WaitOutcome.SIGNALLED;
            }
            if (timeoutMs >= 0 && i >= 2) {
                return WaitOutcome.TIMED_OUT;
            }
            Thread.yield();
        }
    }

    @Override
    public void spawn(Kernel k, Actor child, Runnable body) {
        synchronized (pending) {
            pending.add(() -> ActorBody.run(child, body));
        }
    }

    /** Runs the spawned actors that have not run yet, on the calling thread; returns how many ran. */
    public int runPending() {
        int ran = 0;
        while (true) {
            Runnable next;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    return ran;
                }
                next = pending.remove(0);
            }
            next.run();
            ran++;
        }
    }

    @Override
    public void run(Kernel k, List<List<ActorSpec>> phases) {
        for (List<ActorSpec> phase : phases) {
            for (ActorSpec spec : phase) {
                ActorBody.run(k.newActor(spec.name()), spec.body());
                runPending();
            }
        }
    }
}
