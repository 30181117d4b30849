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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs one actor at a time and switches only at named points and waits, as its {@link Strategy}
 * decides. Every run is a sequence of {@link Decision}s; the same decisions give the same run.
 *
 * <p>Each actor runs on its own thread, but holds a baton: it runs until its next named point or
 * wait, hands the baton back, and sleeps until chosen again. A blocked actor is enabled again
 * when its {@link Wait} is ready (or a signal its mode allows is pending). When nobody is enabled:
 * a timed waiter times out if there is one (time only passes when nothing else can happen);
 * otherwise the run is a deterministic HANG, reported with every blocked actor and what it waits
 * for, and the blocked actors are unwound.
 */
public final class ControlledScheduler implements Scheduler {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "unbind-controlled");
        t.setDaemon(true);
        return t;
    });
    /** If model code runs this long without a named point or wait, it is stuck outside our control. */
    private static final long STUCK_SECONDS = 60;

    private enum Status { NEW, READY, BLOCKED, DONE }

    private static final class Slot {
        final Actor actor;
        final Runnable body;
        final Semaphore go = new Semaphore(0);
        volatile Status status = Status.NEW;
        Wait wait;
        WaitMode mode;
        long timeoutMs;
        WaitOutcome outcome;

        Slot(Actor actor, Runnable body) {
            this.actor = actor;
            this.body = body;
        }
    }

    private final Strategy strategy;
    private final int maxDecisions;
    private final Semaphore toScheduler = new Semaphore(0);
    private final Map<Actor, Slot> slots = new LinkedHashMap<>();
    private final List<Decision> decisions = new ArrayList<>();
    private Slot running;
    private boolean stuck;

    public ControlledScheduler(Strategy strategy) {
        this(strategy, 20_000);
    }

    public ControlledScheduler(Strategy strategy, int maxDecisions) {
        this.strategy = strategy;
        this.maxDecisions = maxDecisions;
    }

    /** The decisions taken so far, in order. */
    public List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    /** True if model code ran away without reaching a point (a bug in the model). */
    public boolean stuck() {
        return stuck;
    }

    // ------------------------------------------------------------ called by actors

    @Override
    public void point(Actor self, Point p) {
        Slot s = slotOf(self);
        if (s == null) {
            return; // code outside any controlled actor
        }
        s.status = Status.READY;
        handOff(s);
    }

    @Override
    public WaitOutcome block(Actor self, Wait w, WaitMode mode, long timeoutMs) {
        Slot s = slotOf(self);
        if (s == null) {
            throw new IllegalStateException(self + " would block outside the controlled scheduler: " + w.what());
        }
        s.wait = w;
        s.mode = mode;
        s.timeoutMs = timeoutMs;
        s.outcome = null;
        s.status = Status.BLOCKED;
        handOff(s);
        WaitOutcome o = s.outcome;
        s.wait = null;
        return o == null ? WaitOutcome.READY : o;
    }

    @Override
    public void spawn(Kernel k, Actor child, Runnable body) {
        synchronized (slots) {
            slots.put(child, new Slot(child, body));
        }
    }

    private void handOff(Slot s) {
        toScheduler.release();
        s.go.acquireUninterruptibly();
        if (s.actor.aborted()) {
            throw new HangAbort("run hung");
        }
    }

    private Slot slotOf(Actor a) {
        synchronized (slots) {
            return slots.get(a);
        }
    }

    // ------------------------------------------------------------ the scheduler loop

    @Override
    public void run(Kernel k, List<List<ActorSpec>> phases) {
        for (List<ActorSpec> phase : phases) {
            for (ActorSpec spec : phase) {
                Actor a = k.newActor(spec.name());
                synchronized (slots) {
                    slots.put(a, new Slot(a, spec.body()));
                }
            }
            k.expectActors((int) k.actors().stream().filter(Actor::participant).count());
            loop(k);
            if (stuck) {
                return;
            }
        }
    }

    private void loop(Kernel k) {
        while (true) {
            List<Slot> all;
            synchronized (slots) {
                all = new ArrayList<>(slots.values());
            }
            List<Slot> enabled = new ArrayList<>();
            boolean allDone = true;
            for (Slot s : all) {
                if (s.status != Status.DONE) {
                    allDone = false;
                }
                if (enabled(s)) {
                    enabled.add(s);
                }
            }
            if (allDone) {
                return;
            }
            if (enabled.isEmpty()) {
                Slot timed = firstTimedWaiter(all);
                if (timed != null) {
                    timed.outcome = WaitOutcome.TIMED_OUT;
                    resume(k, timed);
                    continue;
                }
                k.reportHang("deadlock: no actor can run", dump(all));
                unwindBlocked(k, all);
                continue;
            }
            if (decisions.size() >= maxDecisions) {
                k.reportHang("livelock: more than " + maxDecisions + " scheduling decisions", dump(all));
                for (Slot s : all) {
                    s.actor.abort();
                }
                unwindBlocked(k, all);
                for (Slot s : enabled) {
                    if (s.status != Status.DONE && !stuck) {
                        resume(k, s);
                    }
                }
                continue;
            }
            List<Actor> names = new ArrayList<>(enabled.size());
            for (Slot s : enabled) {
                names.add(s.actor);
            }
            Actor current = running == null ? null : running.actor;
            Actor chosen = strategy.choose(decisions.size(), names, current);
            Slot next = slotOf(chosen);
            if (next == null || !enabled.contains(next)) {
                throw new IllegalStateException("strategy chose an actor that cannot run: " + chosen);
            }
            boolean preemption = running != null && next != running && enabled.contains(running);
            List<String> enabledNames = names.stream().map(Actor::name).toList();
            decisions.add(new Decision(decisions.size(), chosen.name(), chosen.stepName(), enabledNames, preemption));
            resume(k, next);
            if (stuck) {
                return;
            }
        }
    }

    private boolean enabled(Slot s) {
        switch (s.status) {
            case NEW, READY -> {
                return true;
            }
            case BLOCKED -> {
                if (s.actor.aborted()) {
                    return false;
                }
                if (s.wait.ready()) {
                    s.outcome = WaitOutcome.READY;
                    return true;
                }
                if (s.mode == WaitMode.KILLABLE && s.actor.fatalSignalPending()
                        || s.mode == WaitMode.INTERRUPTIBLE && s.actor.signalPending()) {
                    s.outcome = WaitOutcome.SIGNALLED;
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private static Slot firstTimedWaiter(List<Slot> all) {
        for (Slot s : all) {
            if (s.status == Status.BLOCKED && s.timeoutMs >= 0 && !s.actor.aborted()) {
                return s;
            }
        }
        return null;
    }

    private void unwindBlocked(Kernel k, List<Slot> all) {
        for (Slot s : all) {
            if (s.status == Status.BLOCKED) {
                s.actor.abort();
                resume(k, s);
                if (stuck) {
                    return;
                }
            }
        }
    }

    private void resume(Kernel k, Slot s) {
        running = s;
        if (s.status == Status.NEW) {
            s.status = Status.READY;
            POOL.execute(() -> {
                s.go.acquireUninterruptibly();
                try {
                    ActorBody.run(s.actor, s.body);
                } finally {
                    s.status = Status.DONE;
                    toScheduler.release();
                }
            });
        }
        s.go.release();
        try {
            if (!toScheduler.tryAcquire(STUCK_SECONDS, TimeUnit.SECONDS)) {
                stuck = true;
                k.error(s.actor, new IllegalStateException(s.actor.name()
                        + " ran for " + STUCK_SECONDS + " s without reaching a named point or a wait"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stuck = true;
        }
    }

    private static String dump(List<Slot> all) {
        StringBuilder b = new StringBuilder("Actors:\n");
        for (Slot s : all) {
            String state = switch (s.status) {
                case NEW -> "not started";
                case READY -> "runnable";
                case BLOCKED -> "blocked on " + s.wait.what() + (s.mode == WaitMode.UNINTERRUPTIBLE ? " (uninterruptible)" : "");
                case DONE -> "finished";
            };
            b.append("  ").append(s.actor.name()).append(": ").append(state)
                    .append(" (last step ").append(s.actor.stepName()).append(")\n");
        }
        return b.toString();
    }
}
