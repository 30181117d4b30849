package dev.unbind.kernel;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.finding.Site;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A piece of memory with a lifetime: {@code LIVE → FREED}, or {@code STATIC} for memory that was
 * never allocated (globals, module data). Every heap object a protocol allocates is a cell.
 *
 * <p>Rules:
 * <ol>
 *   <li>Access a cell with {@link #touch(String)} for an instant access, or with
 *       {@link #enter(String)} for an access that spans named points (a driver handler using its
 *       state across a sleep). A free that lands while another actor is inside a span is a UAF
 *       even though the access started before the free.</li>
 *   <li>Free through {@link Memory#free(Cell, String)} exactly once. Freeing a freed cell is a
 *       double free; freeing a {@code STATIC} cell is an invalid free.</li>
 *   <li>A {@code LIVE} cell that is not {@linkplain Memory#global global} is a leak at quiescence.</li>
 *   <li>{@link #generation()} counts reuses of a slot (a minor number, a table index), so a stale
 *       reference to an older generation can be told apart.</li>
 * </ol>
 */
public final class Cell {
    /** Lifetime state. */
    public enum State { LIVE, FREED, STATIC }

    private static final int SPAN_SLOTS = 4;

    private final Kernel kernel;
    private final String name;
    private final String type;
    private final int generation;
    private final Site allocSite;
    private final boolean global;
    private volatile State state;
    private volatile Site freeSite;
    private final AtomicReferenceArray<Access> spans = new AtomicReferenceArray<>(SPAN_SLOTS);

    Cell(Kernel kernel, String name, String type, int generation, Site allocSite, State state, boolean global) {
        this.kernel = kernel;
        this.name = name;
        this.type = type;
        this.generation = generation;
        this.allocSite = allocSite;
        this.state = state;
        this.global = global;
    }

    /** {@code type#n}, unique within the kernel. */
    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public int generation() {
        return generation;
    }

    public State state() {
        return state;
    }

    public boolean isLive() {
        return state != State.FREED;
    }

    public boolean isFreed() {
        return state == State.FREED;
    }

    public boolean isGlobal() {
        return global;
    }

    public Site allocSite() {
        return allocSite;
    }

    public Site freeSite() {
        return freeSite;
    }

    /** An instant access (a read or write that does not span a named point). */
    public void touch(String what) {
        if (state == State.FREED) {
            reportAccessAfterFree(kernel.self().site(what));
        }
    }

    /**
     * Begins an access that spans named points; close it when the access ends. The returned
     * object is meant for try-with-resources.
     */
    public Access enter(String what) {
        Actor me = kernel.self();
        Access a = new Access(this, me, me.site(what));
        for (int i = 0; i < SPAN_SLOTS; i++) {
            if (spans.compareAndSet(i, null, a)) {
                a.slot = i;
                break;
            }
        }
        if (state == State.FREED) {
            a.reported = true;
            reportAccessAfterFree(a.site);
        }
        return a;
    }

    void exit(Access a) {
        if (a.slot >= 0) {
            spans.compareAndSet(a.slot, a, null);
        }
        if (state == State.FREED && !a.reported) {
            a.reported = true;
            reportFreedDuringAccess(a.whereNow(), null, freeSite); // the reporter is the one inside: its own functions
        }
    }

    /** Called by {@link Memory#free}; returns false (and reports) if the free is invalid. */
    boolean markFreed(Site by) {
        State s = state;
        if (s == State.STATIC) {
            kernel.report(Kind.DOUBLE_FREE, "invalid-free of " + name + ", which was never allocated",
                    name, List.of(Role.of("freed by", by)), "");
            return false;
        }
        synchronized (this) {
            if (state == State.FREED) {
                kernel.report(Kind.DOUBLE_FREE, "double-free of " + name, name,
                        List.of(Role.of("freed again by", by), Role.of("first freed by", freeSite),
                                Role.of("allocated by", allocSite)), "");
                return false;
            }
            freeSite = by;
            state = State.FREED;
        }
        for (int i = 0; i < SPAN_SLOTS; i++) {
            Access a = spans.get(i);
            if (a != null && !a.reported) {
                a.reported = true;
                reportFreedDuringAccess(a.whereNow(), a.actor, by);
            }
        }
        return true;
    }

    private void reportAccessAfterFree(Site access) {
        kernel.report(Kind.UAF, "use-after-free: " + access.actor() + " " + access.what() + " on " + name
                        + (generation > 1 ? " (generation " + generation + ")" : "")
                        + " freed by " + freeSite.actor(),
                name, List.of(Role.of("accessed by", access), Role.of("allocated by", allocSite),
                        Role.of("freed by", freeSite)), "");
    }

    /** {@code inside} is still in the access: its functions are the ones it is in now. */
    private void reportFreedDuringAccess(Site access, Actor inside, Site freer) {
        kernel.report(Kind.UAF, "use-after-free: " + name + " freed by " + freer.actor()
                        + " while " + access.actor() + " is inside " + access.what().replaceAll(" \\(since .*\\)$", ""),
                name, List.of(Role.of("accessed by", access), Role.of("allocated by", allocSite),
                        Role.of("freed by", freer)), "", inside);
    }

    @Override
    public String toString() {
        return name + "[" + state + "]";
    }

    /** An access span on a cell; closing it ends the access. */
    public static final class Access implements AutoCloseable {
        private final Cell cell;
        private final Actor actor;
        private final Site site;
        private volatile boolean reported;
        private int slot = -1;

        Access(Cell cell, Actor actor, Site site) {
            this.cell = cell;
            this.actor = actor;
            this.site = site;
        }

        /** The accessor's site now, inside the span, naming where the span began. */
        Site whereNow() {
            String now = actor.stepName();
            return now.equals(site.step()) ? site
                    : new Site(site.actor(), now, site.what() + " (since " + site.step() + ")");
        }

        @Override
        public void close() {
            cell.exit(this);
        }
    }
}
