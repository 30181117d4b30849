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
                kernel.report(Kind.FENCE, "broken promise (" + promise + "): " + s.actor() + " is still inside "
                                + s.what() + " when " + here.actor() + " makes it", "fence " + promise,
                        List.of(Role.of("still inside", s.withFrames(kernel.framesOf(kernel.actorNamed(s.actor())))), Role.of("promised by", here)), "");
            }
        }
    }

    public boolean closed() {
        return closedAt != null;
    }

    private void checkClosed(Site here) {
        Site c = closedAt;
        if (c != null) {
            kernel.report(Kind.FENCE, "broken promise (" + promise + "): " + here.actor() + " runs " + here.what()
                            + " after " + c.actor() + " made it", "fence " + promise,
                    List.of(Role.of("runs", here), Role.of("promised by", c)), "");
        }
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
