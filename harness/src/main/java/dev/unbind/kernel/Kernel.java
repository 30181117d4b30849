package dev.unbind.kernel;

import dev.unbind.fault.EventKind;
import dev.unbind.fault.FaultInjector;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * One simulated kernel: the context every subject is written against. It owns the memory, the
 * trace of named steps, the fault injector, the findings, and the scheduler that decides which
 * actor runs.
 *
 * <p>Model code uses it the way kernel code uses its environment:
 * <pre>{@code
 * k.at(AFTER_UNPLUGGED_CHECK);                      // a named point: switch, delay, event
 * Cell c = k.kzalloc(KZALLOC_CONTAINER, "drm_device"); // fallible: null when the fault fires
 * if (c == null) return -ENOMEM;
 * }</pre>
 *
 * <p>A kernel is cheap: creating one allocates a few small objects, so engines make a fresh one
 * for every run.
 */
public final class Kernel {
    private final Scheduler scheduler;
    private final FaultInjector faults;
    private final Trace trace;
    private final Findings findings = new Findings();
    private final Memory memory = new Memory(this);
    private final ActorTable actors = new ActorTable(this);
    private final InjectedEffects effects = new InjectedEffects(this);
    private final Quiescence quiescence = new Quiescence(this);
    private final AtomicInteger fallibleSteps = new AtomicInteger();
    private final AtomicBoolean hangReported = new AtomicBoolean();
    private final AtomicBoolean oopsed = new AtomicBoolean();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private volatile PointListener listener;
    private volatile OpListener opListener;
    private final SiteFrames siteFrames;
    private volatile long progress;
    private volatile int expectedActors;

    Kernel(KernelBuilder b) {
        this.scheduler = b.scheduler;
        this.faults = new FaultInjector(b.plan, b.seed);
        this.trace = new Trace(b.traceCapacity);
        this.siteFrames = b.siteFrames;
    }

    public static KernelBuilder builder() {
        return new KernelBuilder();
    }

    // ---------------------------------------------------------------- actors

    /** The actor of the calling thread; a thread with none gets one named after the thread. */
    public Actor self() {
        Actor a = Actor.current();
        if (a != null && a.kernel() == this) {
            return a;
        }
        Actor implicit = actors.add(Thread.currentThread().getName(), false);
        implicit.bind();
        return implicit;
    }

    /** Binds a new actor called {@code name} to the calling thread (a Lincheck operation, a JCStress actor). */
    public Actor actor(String name) {
        Actor a = newActor(name);
        a.bind();
        return a;
    }

    /** Registers an actor that a scheduler will start. Names are made unique with {@code #n}. */
    public Actor newActor(String name) {
        return actors.add(name, true);
    }

    public List<Actor> actors() {
        return List.copyOf(actors.all());
    }

    public Actor actorNamed(String name) {
        return actors.named(name);
    }

    /**
     * Declares how many actors will take part when they bind themselves (JCStress), so the hang
     * detector does not call a lone early actor hung before the others arrived.
     */
    public void expectActors(int n) {
        expectedActors = n;
    }

    public int expectedActors() {
        return expectedActors;
    }

    /** Starts a new actor from the running one (a work item, an injected event). */
    public Actor spawn(String name, Runnable body) {
        Actor child = newActor(name);
        trace.record(self().name(), "spawn " + child.name());
        scheduler.spawn(this, child, body);
        return child;
    }

    // ---------------------------------------------------------------- named points and faults

    /** A named point: recorded in the trace, offered to the fault injector and the scheduler. */
    public void at(Point p) {
        Actor a = self();
        a.step(p);
        trace.record(a.name(), p.name());
        progress++;
        PointListener l = listener;
        if (l != null) {
            l.hit(this, a, p);
        }
        if (faults.armed()) {
            faults.atPoint(p.name(), a.name(), a.nextHit(p), effects);
        }
        scheduler.point(a, p);
    }

    /**
     * A fallible step: passes the point, then returns true when the plan makes it fail. The model
     * then takes its error path exactly as the C code does.
     */
    public boolean fails(Point p) {
        if (!p.isFallible()) {
            throw new IllegalArgumentException(p + " is not a fallible point");
        }
        at(p);
        fallibleSteps.incrementAndGet();
        if (!faults.armed()) {
            return false;
        }
        Actor a = self();
        boolean fail = faults.shouldFail(p.name(), a.name(), a.nextHit(p), effects);
        if (fail) {
            trace.record(a.name(), "  ! " + p.name() + " fails");
        }
        return fail;
    }

    /** kzalloc at a fallible point: null when the fault fires. */
    public Cell kzalloc(Point p, String type) {
        return fails(p) ? null : memory.alloc(type, "kzalloc(" + type + ")");
    }

    /** How many fallible steps this run has passed (sizes fail-nth sweeps). */
    public int fallibleSteps() {
        return fallibleSteps.get();
    }

    /** Handles an injected event of this kind; the argument is the rule's target (may be null). */
    public void onEvent(EventKind kind, Consumer<String> handler) {
        effects.onEvent(kind, handler);
    }

    // ---------------------------------------------------------------- blocking

    /** Suspends the calling actor until {@code w} is ready; see {@link Scheduler#block}. */
    public WaitOutcome block(Wait w, WaitMode mode, long timeoutMs) {
        Actor a = self();
        if (w.ready()) {
            return WaitOutcome.READY;
        }
        if (mode == WaitMode.KILLABLE && a.fatalSignalPending()
                || mode == WaitMode.INTERRUPTIBLE && a.signalPending()) {
            return WaitOutcome.SIGNALLED;
        }
        a.blockedOn(w);
        try {
            return scheduler.block(a, w, mode, timeoutMs);
        } finally {
            a.blockedOn(null);
        }
    }

    public WaitOutcome block(Wait w) {
        return block(w, WaitMode.UNINTERRUPTIBLE, -1);
    }

    // ---------------------------------------------------------------- user operations

    /**
     * A user-visible operation (a syscall, remove, rmmod): recorded in the trace with its result,
     * and marked in flight for window coverage. Signals that are not fatal are delivered on return.
     */
    public int op(String name, IntSupplier body) {
        Actor a = self();
        String outer = a.op();
        a.op(name);
        trace.record(a.name(), "op " + name);
        long start = System.nanoTime();
        try {
            int rc = body.getAsInt();
            trace.record(a.name(), name + " -> " + Errno.describe(rc));
            OpListener l = opListener;
            if (l != null) {
                l.done(a, name, rc, System.nanoTime() - start);
            }
            return rc;
        } finally {
            a.op(outer);
            a.returnToUser();
        }
    }

    /** Same as {@link #op(String, IntSupplier)} for an operation without a result. */
    public void op(String name, Runnable body) {
        op(name, () -> {
            body.run();
            return 0;
        });
    }

    /**
     * Same as {@link #op(String, IntSupplier)} for a call whose result is more than an int (an
     * open's file, a mapping): {@code rc} says what to record of it; the call's value is returned.
     */
    public <T> T call(String name, Supplier<T> body, ToIntFunction<T> rc) {
        var result = new Object() {
            T value;
        };
        op(name, () -> {
            result.value = body.get();
            return rc.applyAsInt(result.value);
        });
        return result.value;
    }

    /** True while some actor other than the caller is inside an operation named in {@code ops}. */
    public boolean inFlight(java.util.Set<String> ops, Actor except) {
        return actors.inFlight(ops, except);
    }

    // ---------------------------------------------------------------- detectors

    /** Dereferences {@code ptr}; a NULL is reported and oopses the calling actor. */
    public <T> T deref(T ptr, String what) {
        if (ptr == null) {
            Actor a = self();
            throw oops(Kind.NULL_DEREF, "NULL pointer dereference: " + a.name() + " " + what, what,
                    List.of(Role.of("dereferenced by", a.site(what))));
        }
        return ptr;
    }

    /**
     * Reports a finding that kills the calling task (a NULL dereference, a kernel stack overflow)
     * and returns the {@link Oops} for the caller to throw. The task dies holding whatever it
     * held, so after an oops nothing is quiescent: {@link #checkQuiescence()} then reports
     * nothing, as after a hang.
     */
    public Oops oops(Kind kind, String summary, String object, List<Role> sites) {
        report(kind, summary, object, sites, "");
        oopsed.set(true);
        return new Oops(summary);
    }

    /** True once some actor oopsed (see {@link #oops}). */
    public boolean oopsed() {
        return oopsed.get();
    }

    /**
     * Checks a user-visible result against the subject's contract: a result outside
     * {@code allowed} is an ERRNO finding.
     */
    public void expectResult(String op, long rc, long... allowed) {
        UserContract.expectResult(this, op, rc, allowed);
    }

    /** A poll result must be a mask: a negative value is an errno leaking out as a mask. */
    public void expectPollMask(String op, int mask) {
        UserContract.expectPollMask(this, op, mask);
    }

    /**
     * A bounded wait ran out: the kernel logs and goes on, but the caller was stalled for the
     * whole timeout (a remove that takes 10 s per pending commit). Reported as a HANG.
     */
    public void reportStall(String what, long timeoutMs) {
        UserContract.reportStall(this, what, timeoutMs);
    }

    /** Records a finding with the current witness and firing log (or folds it into an earlier one: see {@link Findings}). */
    public void report(Kind kind, String summary, String object, List<Role> sites, String detail) {
        report(kind, summary, object, sites, detail, null);
    }

    /**
     * Records a finding whose first site is where {@code there}, another actor, is now (inside an
     * access that a free pulled from under it, inside fenced code when the promise was made). Like
     * every site's functions, that actor's are taken only for a new bug: folding a further access
     * into an earlier finding costs no stack walk, nor a snapshot of the trace.
     */
    void report(Kind kind, String summary, String object, List<Role> sites, String detail, Actor there) {
        Actor offender = there != null ? there : sites.isEmpty() ? null : actors.named(sites.get(0).site().actor());
        String op = offender == null || offender.op() == null ? "" : offender.op();
        findings.add(Findings.bug(kind, object, sites, op),
                () -> new Finding(kind, summary, object, located(sites, there), trace.snapshot(), faults.firings(), detail));
        progress++;
    }

    /** The functions of model code the calling actor is in, for a site kept for later; none when turned off. */
    List<dev.unbind.code.Frame> framesHere() {
        return siteFrames == SiteFrames.ALL ? dev.unbind.code.CodeLocations.brief() : List.of();
    }

    /** The functions another actor's thread is in now; none when turned off. */
    List<dev.unbind.code.Frame> framesOf(Actor a) {
        return siteFrames == SiteFrames.ALL && a != null ? dev.unbind.code.CodeLocations.of(a.thread()) : List.of();
    }

    /**
     * The reporter's own sites get the functions it is in now, and the first site those of the actor
     * {@code there} (when given) is in now: a new bug is rare, a stack walk cheap enough then.
     */
    private List<Role> located(List<Role> sites, Actor there) {
        if (siteFrames == SiteFrames.NONE) {
            return sites;
        }
        String me = self().name();
        List<dev.unbind.code.Frame> here = null;
        List<Role> out = new java.util.ArrayList<>(sites.size());
        for (Role r : sites) {
            if (there != null && out.isEmpty() && r.site().frames().isEmpty()) {
                out.add(Role.of(r.role(), r.site().withFrames(framesOf(there))));
            } else if (r.site().frames().isEmpty() && r.site().actor().equals(me)) {
                here = here == null ? dev.unbind.code.CodeLocations.here() : here;
                out.add(Role.of(r.role(), r.site().withFrames(here)));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Reports a hang once per run and aborts every blocked actor so the run can finish.
     *
     * @return true if this call reported it (false if a hang was already reported)
     */
    public boolean reportHang(String summary, String detail) {
        if (!hangReported.compareAndSet(false, true)) {
            return false;
        }
        report(Kind.HANG, summary, "run", actors.blockedSites(), detail);
        actors.abortBlocked();
        return true;
    }

    /**
     * An exception escaped model code: a bug in the model or the harness, not a finding about the
     * protocol. Engines surface these as errors.
     */
    public void error(Actor a, Throwable t) {
        errors.add(t);
        trace.record(a.name(), "  ! model error: " + t);
    }

    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    public boolean hangReported() {
        return hangReported.get();
    }

    /** Adds a check to run at quiescence (an SRCU reader still inside, a fence never closed). */
    public void atQuiescence(Runnable check) {
        quiescence.add(check);
    }

    /**
     * The quiescence checks ({@link Quiescence}): leaks, leaked module references, the registered
     * checks. None of them runs after a hang or an oops: nothing is quiescent then, and leaks
     * would be noise.
     */
    public void checkQuiescence() {
        if (!hangReported() && !oopsed()) {
            quiescence.check();
        }
    }

    void register(Module m) {
        quiescence.register(m);
    }

    // ---------------------------------------------------------------- accessors

    public Memory memory() {
        return memory;
    }

    public Trace trace() {
        return trace;
    }

    public Findings findings() {
        return findings;
    }

    public List<Finding> findingList() {
        return findings.list();
    }

    public FaultInjector faults() {
        return faults;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public void listener(PointListener l) {
        listener = l;
    }

    /** Observes every completed user operation (latency measurements of the stress engine). */
    public void opListener(OpListener l) {
        opListener = l;
    }

    /** A counter that changes whenever any actor makes progress (hang detection). */
    public long progressMark() {
        return progress;
    }

    void progress() {
        progress++;
    }

    /** Runs the phases under this kernel's scheduler. */
    public void run(List<List<ActorSpec>> phases) {
        scheduler.run(this, phases);
    }
}
