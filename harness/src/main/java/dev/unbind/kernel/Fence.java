package dev.unbind.kernel;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.finding.Site;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A promise a protocol makes about driver code, such as "once remove() returns, no driver fop
 * runs" or "after unregister, the core never calls back into the driver".
 *
 * <p>Rules:
 * <ol>
 *   <li>Driver code that the promise covers runs inside {@link #enter(String)} (or is marked with
 *       {@link #check(String)} when it is instantaneous).</li>
 *   <li>{@link #close()} is the moment of the promise. An actor inside covered code at that
 *       moment, or entering it later, is a FENCE finding.</li>
 *   <li>{@link #allow(String)} lets named code run after the promise (the one documented
 *       exception, e.g. a release that only frees memory).</li>
 *   <li>A finding names the code that broke the promise (its actor, user operation and the model
 *       functions it is in: for a late entry the caller's, for an actor still inside its own, taken
 *       from its thread) apart from the last named point its actor passed, which is only where the
 *       actor was last seen.</li>
 * </ol>
 */
public final class Fence {
    private static final int SLOTS = 4;

    private final Kernel kernel;
    private final String promise;
    private final AtomicReferenceArray<Site> inside = new AtomicReferenceArray<>(SLOTS);
    private volatile Site closedAt;

    /** @param promise what is promised, e.g. {@code no driver fop runs after remove() returned} */
    public Fence(Kernel kernel, String promise) {
        this.kernel = kernel;
        this.promise = promise;
    }

    /** Driver code that must not run after the promise begins; close the result when it ends. */
    public Scope enter(String what) {
        Site here = kernel.self().site(what);
        checkClosed(here);
        int slot = -1;
        for (int i = 0; i < SLOTS; i++) {
            if (inside.compareAndSet(i, null, here)) {
                slot = i;
                break;
            }
        }
        return new Scope(slot, here);
    }

    /** Instantaneous driver code covered by the promise. */
    public void check(String what) {
        checkClosed(kernel.self().site(what));
    }

    /** Code that is allowed after the promise: passes through without a finding. */
    public void allow(String what) {
        // documented exception: nothing to check
    }

    /** The promise is made now: nobody may be inside, nobody may enter later. */
    public void close() {
        Site here = kernel.self().site("promise: " + promise);
        closedAt = here;
        for (int i = 0; i < SLOTS; i++) {
            Site s = inside.get(i);
            if (s != null) {
                Actor in = kernel.actorNamed(s.actor());
                String now = in == null ? s.step() : in.stepName();
                kernel.report(Kind.FENCE, "broken promise (" + promise + "): " + s.actor() + " is still inside "
                                + s.what() + operation(in) + " when " + here.actor() + " makes it; last point "
                                + s.actor() + " passed: " + now, "fence " + promise,
                        List.of(Role.of("still inside", s), Role.of("promised by", here)),
                        "Fenced code still running: " + s.what() + "\n  by " + s.actor() + operation(in)
                                + "\n  entered after " + s.step() + ", now after " + now + " (the last named point passed)\n",
                        in);
            }
        }
    }

    public boolean closed() {
        return closedAt != null;
    }

    /**
     * Reports driver code running after the promise: the call itself (what, by whom, in which user
     * operation; the kernel gives its site the model functions it ran in, as for any reporter's own
     * site), the last named point its actor passed, and who made the promise.
     */
    private void checkClosed(Site here) {
        Site c = closedAt;
        if (c != null) {
            Actor me = kernel.self();
            kernel.report(Kind.FENCE, "broken promise (" + promise + "): " + here.actor() + " runs " + here.what()
                            + operation(me) + " after " + c.actor() + " made it; last point " + here.actor()
                            + " passed: " + here.step(), "fence " + promise,
                    List.of(Role.of("runs", here), Role.of("promised by", c)),
                    "Fenced call: " + here.what() + "\n  by " + here.actor() + operation(me)
                            + "\n  after " + here.step() + " (the last named point passed)\n");
        }
    }

    /** " in read", the user operation the actor is in, or "" between operations. */
    private static String operation(Actor a) {
        return a == null || a.op() == null ? "" : " in " + a.op();
    }

    /** The extent of covered driver code. */
    public final class Scope implements AutoCloseable {
        private final int slot;
        private final Site site;

        private Scope(int slot, Site site) {
            this.slot = slot;
            this.site = site;
        }

        @Override
        public void close() {
            if (slot >= 0) {
                inside.compareAndSet(slot, site, null);
            }
        }
    }
}
