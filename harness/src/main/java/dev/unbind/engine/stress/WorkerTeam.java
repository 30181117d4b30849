package dev.unbind.engine.stress;

import dev.unbind.kernel.Actor;
import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.Scheduler;
import dev.unbind.kernel.Wait;
import dev.unbind.kernel.WaitMode;
import dev.unbind.kernel.WaitOutcome;
import dev.unbind.sched.ActorBody;
import dev.unbind.sched.ThreadScheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Real threads that outlive a run: one stress worker's scheduler, JCStress's approach. The worker
 * thread runs a phase's first actor itself and hands the others (and whatever they spawn) to helper
 * threads the team keeps from run to run, instead of a thread pool's hand-off and a latch per
 * phase. A helper between runs spins a little, then parks until it is handed an actor (an unpark:
 * microseconds, where a pool hand-off and a latch took tens).
 *
 * <p>Waits are {@link ThreadScheduler}'s, with its hang detector (a deadlock in milliseconds, any
 * wait longer than the hang timeout), and so is the livelock check of a phase whose actor neither
 * finishes nor waits; the helper such an actor holds is never used again.
 */
final class WorkerTeam implements Scheduler {
    /**
     * Short: on two cores shared with other work, a thread that spins holds the core the actor it
     * waits for needs; measured, 200 spins then a park beat 2,000 spins and 2,000 yields by 2x.
     */
    private static final int SPINS = 200;
    /** None by default: on a loaded machine a yield gives the core away for a whole time slice. */
    private static final int YIELDS = 0;
    private static final long PARK_NANOS = 50_000;
    /** After this long the wait is ThreadScheduler's, which reports a livelock. */
    private static final long HANDOVER_NANOS = 10_000_000;

    private final ThreadScheduler waits;
    private final String name;
    private final List<Helper> helpers = new ArrayList<>();
    private volatile Thread owner;

    /**
     * @param waits blocking, hang and livelock detection
     */
    WorkerTeam(ThreadScheduler waits, String name) {
        this.waits = waits;
        this.name = name;
    }

    @Override
    public void point(Actor self, Point p) {
        // nothing to decide: real threads interleave by themselves
    }

    @Override
    public WaitOutcome block(Actor self, Wait w, WaitMode mode, long timeoutMs) {
        return waits.block(self, w, mode, timeoutMs);
    }

    @Override
    public void spawn(Kernel k, Actor child, Runnable body) {
        claim().start(child, body);
    }

    @Override
    public void run(Kernel k, List<List<ActorSpec>> phases) {
        owner = Thread.currentThread();
        for (List<ActorSpec> phase : phases) {
            Actor[] actors = new Actor[phase.size()];
            for (int i = 0; i < actors.length; i++) {
                actors[i] = k.newActor(phase.get(i).name());
            }
            k.expectActors(participants(k));
            Helper[] hands = new Helper[actors.length];
            for (int i = 1; i < actors.length; i++) {
                hands[i] = claim();
            }
            for (int i = 1; i < actors.length; i++) { // the others start as this thread's actor does
                hands[i].start(actors[i], phase.get(i).body());
            }
            ActorBody.run(actors[0], phase.get(0).body());
            awaitAll(k);
        }
    }

    /**
     * Waits until every actor of the kernel (spawned ones included) has finished: spinning, then
     * parked (a helper that finishes unparks us), then, past a few milliseconds, in
     * {@link ThreadScheduler#awaitAll}'s polls, which report a livelock.
     */
    private void awaitAll(Kernel k) {
        long parkedSince = 0;
        for (int polls = 0; !allFinished(k); polls++) {
            if (polls < SPINS) {
                Thread.onSpinWait();
            } else if (polls < SPINS + YIELDS) {
                Thread.yield();
            } else if (parkedSince == 0) {
                parkedSince = System.nanoTime();
            } else if (System.nanoTime() - parkedSince > HANDOVER_NANOS) {
                waits.awaitAll(k);
                return;
            } else {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
    }

    private static boolean allFinished(Kernel k) {
        for (Actor a : k.actors()) {
            if (a.participant() && !a.finished()) {
                return false;
            }
        }
        return true;
    }

    private static int participants(Kernel k) {
        int n = 0;
        for (Actor a : k.actors()) {
            if (a.participant()) {
                n++;
            }
        }
        return n;
    }

    /** An idle helper, made busy for the caller; a new one when every helper is busy. */
    private Helper claim() {
        synchronized (helpers) {
            for (Helper h : helpers) {
                if (h.state.compareAndSet(Helper.IDLE, Helper.CLAIMED)) {
                    return h;
                }
            }
            Helper h = new Helper(name + "-" + (helpers.size() + 1));
            helpers.add(h);
            return h;
        }
    }

    /** How many helper threads the team has made (its widest run so far). */
    int size() {
        synchronized (helpers) {
            return helpers.size();
        }
    }

    /** One reused thread: runs an actor's body when given one, then waits for the next. */
    private final class Helper implements Runnable {
        static final int IDLE = 0;
        static final int CLAIMED = 1;

        final AtomicInteger state = new AtomicInteger(CLAIMED);
        private final Thread thread;
        private volatile Actor actor;
        private volatile Runnable body;
        private volatile boolean parked;

        Helper(String threadName) {
            thread = new Thread(this, threadName);
            thread.setDaemon(true);
            thread.start();
        }

        void start(Actor a, Runnable b) {
            body = b;
            actor = a; // published last: the helper reads actor, then body
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            while (true) {
                Actor a = next();
                Runnable b = body;
                body = null;
                actor = null;
                ActorBody.run(a, b);
                state.set(IDLE);
                Thread o = owner;
                if (o != null) {
                    LockSupport.unpark(o);
                }
            }
        }

        private Actor next() {
            for (int polls = 0; ; polls++) {
                Actor a = actor;
                if (a != null) {
                    return a;
                }
                if (polls < SPINS) {
                    Thread.onSpinWait();
                } else if (polls < SPINS + YIELDS) {
                    Thread.yield();
                } else {
                    parked = true;
                    if (actor == null) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }
    }
}
