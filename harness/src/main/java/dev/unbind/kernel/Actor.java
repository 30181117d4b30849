package dev.unbind.kernel;

import dev.unbind.finding.Site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A task of the simulated kernel: a user thread doing syscalls, the remover, a kworker, the
 * module unloader. Every site in a finding names its actor.
 *
 * <p>The actor of the calling thread is found with {@link Kernel#self()}; a thread that was not
 * started by a scheduler gets an implicit actor named after the thread.
 */
public final class Actor {
    private static final ThreadLocal<Actor> CURRENT = new ThreadLocal<>();

    private final Kernel kernel;
    private final String name;
    private final boolean participant;
    private volatile Point step;
    private volatile String op;
    private volatile boolean signalPending;
    private volatile boolean fatalSignalPending;
    private volatile Wait blockedOn;
    private volatile boolean aborted;
    private volatile boolean finished;
    private volatile Thread thread;
    /** Locks this actor holds, innermost last; touched only by the actor's own thread. */
    private final List<Object> held = new ArrayList<>(4);
    /** Per-point hit numbers, for deterministic fault decisions; owner thread only. */
    private final Map<Point, Integer> hits = new HashMap<>();

    Actor(Kernel kernel, String name, boolean participant) {
        this.kernel = kernel;
        this.name = name;
        this.participant = participant;
    }

    /**
     * False for the implicit actor of a thread that merely set things up (a test's main thread):
     * schedulers neither wait for it to finish nor count it when deciding whether everyone is blocked.
     */
    public boolean participant() {
        return participant;
    }

    static Actor current() {
        return CURRENT.get();
    }

    /** Binds this actor to the calling thread; returns the previously bound actor (may be null). */
    public Actor bind() {
        Actor previous = CURRENT.get();
        CURRENT.set(this);
        thread = Thread.currentThread();
        return previous;
    }

    /** Restores the binding returned by {@link #bind()}. */
    public static void restore(Actor previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    public Kernel kernel() {
        return kernel;
    }

    public String name() {
        return name;
    }

    /** The last named point this actor passed. */
    public Point step() {
        return step;
    }

    void step(Point p) {
        step = p;
    }

    public String stepName() {
        Point p = step;
        return p == null ? "(start)" : p.name();
    }

    /** The user operation in progress ({@code ioctl}, {@code remove}), or null between operations. */
    public String op() {
        return op;
    }

    void op(String name) {
        op = name;
    }

    /** A site for this actor at its current step. */
    public Site site(String what) {
        return new Site(name, stepName(), what);
    }

    /** Delivers a signal; a fatal one (SIGKILL) also ends killable waits. */
    public void signal(boolean fatal) {
        if (fatal) {
            fatalSignalPending = true;
        }
        signalPending = true;
        kernel.progress();
    }

    public boolean signalPending() {
        return signalPending;
    }

    public boolean fatalSignalPending() {
        return fatalSignalPending;
    }

    /** Return to user space delivers (and so clears) a non-fatal signal. */
    void returnToUser() {
        if (!fatalSignalPending) {
            signalPending = false;
        }
    }

    public Wait blockedOn() {
        return blockedOn;
    }

    public void blockedOn(Wait w) {
        blockedOn = w;
    }

    /** Set when a hang was reported: the actor's next wait throws {@link HangAbort}. */
    public boolean aborted() {
        return aborted;
    }

    public void abort() {
        aborted = true;
    }

    public boolean finished() {
        return finished;
    }

    public void finish() {
        finished = true;
        kernel.progress();
    }

    public Thread thread() {
        return thread;
    }

    List<Object> held() {
        return held;
    }

    int nextHit(Point p) {
        return hits.merge(p, 1, Integer::sum);
    }

    @Override
    public String toString() {
        return name;
    }
}
