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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Real threads. Named points cost nothing here (delays come from the fault plan); waits spin,
 * yield, then park, and never wedge a run:
 * <ul>
 *   <li>when every actor of the kernel is blocked on a wait that is not ready, and nothing has
 *       progressed for {@code stall}, the run is hung (a deadlock, found in milliseconds);</li>
 *   <li>a wait longer than {@code hangTimeout} is hung whatever the others do.</li>
 * </ul>
 * Either way the hang is reported once with a thread dump and every blocked actor unwinds.
 * Timed waits use kernel milliseconds scaled by {@code nanosPerKernelMs}, so a driver's 10 s
 * timeout costs 10 ms of real time by default.
 */
public final class ThreadScheduler implements Scheduler {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "unbind-actor");
        t.setDaemon(true);
        return t;
    });

    private final long hangNanos;
    private final long stallNanos;
    private final long nanosPerKernelMs;

    public ThreadScheduler() {
        this(Duration.ofSeconds(2), Duration.ofMillis(3), 1_000_000);
    }

    public ThreadScheduler(Duration hangTimeout, Duration stall, long nanosPerKernelMs) {
        this.hangNanos = hangTimeout.toNanos();
        this.stallNanos = stall.toNanos();
        this.nanosPerKernelMs = nanosPerKernelMs;
    }

    @Override
    public void point(Actor self, Point p) {
        // nothing to decide: real threads interleave by themselves
    }

    @Override
    public WaitOutcome block(Actor self, Wait w, WaitMode mode, long timeoutMs) {
        Kernel k = self.kernel();
        long start = System.nanoTime();
        long timeout = timeoutMs < 0 ? -1 : timeoutMs * nanosPerKernelMs;
        long stallSince = 0;
        long stallMark = 0;
        for (int spins = 0; ; spins++) {
            if (w.ready()) {
                return WaitOutcome.READY;
            }
            if (self.aborted()) {
                throw new HangAbort("run hung: " + w.what());
            }
            if (mode == WaitMode.KILLABLE && self.fatalSignalPending()
                    || mode == WaitMode.INTERRUPTIBLE && self.signalPending()) {
                return WaitOutcome.SIGNALLED;
            }
            if (spins < 64) {
                Thread.onSpinWait();
                continue;
            }
            long now = System.nanoTime();
            if (timeout >= 0 && now - start >= timeout) {
                return WaitOutcome.TIMED_OUT;
            }
            if (timeout < 0 && now - start > hangNanos) {
                k.reportHang("hang: " + self.name() + " blocked for more than "
                        + Duration.ofNanos(hangNanos).toMillis() + " ms on " + w.what(), ThreadDump.of(k, true));
                self.abort();
                throw new HangAbort("run hung: " + w.what());
            }
            if (timeout < 0 && everyoneBlocked(k)) {
                if (stallSince == 0 || k.progressMark() != stallMark) {
                    stallSince = now;
                    stallMark = k.progressMark();
                } else if (now - stallSince > stallNanos) {
                    k.reportHang("deadlock: every actor is blocked and none can be woken", ThreadDump.of(k, true));
                    self.abort();
                    throw new HangAbort("run hung: " + w.what());
                }
            } else {
                stallSince = 0;
            }
            if (spins < 128) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    private static boolean everyoneBlocked(Kernel k) {
        List<Actor> all = k.actors();
        int participants = 0;
        for (Actor a : all) {
            if (a.participant()) {
                participants++;
            }
        }
        if (participants < k.expectedActors()) {
            return false; // someone has not arrived yet and may still wake us
        }
        int live = 0;
        for (Actor a : all) {
            if (a.finished() || !a.participant()) {
                continue;
            }
            live++;
            Wait w = a.blockedOn();
            if (w == null || w.ready()) {
                return false;
            }
        }
        return live > 0;
    }

    @Override
    public void spawn(Kernel k, Actor child, Runnable body) {
        POOL.execute(() -> ActorBody.run(child, body));
    }

    @Override
    public void run(Kernel k, List<List<ActorSpec>> phases) {
        for (List<ActorSpec> phase : phases) {
            List<Actor> started = new ArrayList<>();
            for (ActorSpec spec : phase) {
                started.add(k.newActor(spec.name()));
            }
            k.expectActors((int) k.actors().stream().filter(Actor::participant).count());
            CountDownLatch start = new CountDownLatch(phase.size());
            for (int i = 0; i < phase.size(); i++) {
                Actor a = started.get(i);
                Runnable body = phase.get(i).body();
                POOL.execute(() -> {
                    start.countDown(); // all actors of a phase start together
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ActorBody.run(a, body);
                });
            }
            awaitAll(k);
        }
    }

    /** Waits until every actor of the kernel (spawned ones included) has finished. */
    public void awaitAll(Kernel k) {
        long deadline = System.nanoTime() + 2 * hangNanos + Duration.ofSeconds(1).toNanos();
        while (true) {
            boolean done = true;
            for (Actor a : k.actors()) {
                if (a.participant() && !a.finished()) {
                    done = false;
                    break;
                }
            }
            if (done) {
                return;
            }
            if (System.nanoTime() > deadline) {
                // an actor runs without ever waiting (a livelock in model code): report and leave it
                k.reportHang("hang: an actor did not finish and is not waiting (livelock)", ThreadDump.of(k, true));
                return;
            }
            LockSupport.parkNanos(50_000);
        }
    }
}
