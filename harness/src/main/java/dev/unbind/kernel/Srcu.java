package dev.unbind.kernel;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.finding.Site;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * struct srcu_struct, modelled with two lock counters, two unlock counters and an index flip,
 * so that misuse behaves as it does in the kernel.
 *
 * <p>Rules:
 * <ol>
 *   <li>{@link #readLock()} returns an index; {@link #readUnlock(int)} must be given that same
 *       index. Read sections may sleep.</li>
 *   <li>{@link #synchronize()} waits for the inactive index to drain, flips, then waits for the
 *       previously active index to drain: it waits for every reader that locked before the flip.</li>
 *   <li>A lost unlock leaves its index undrained forever: synchronize hangs (reported as HANG
 *       naming the reader still inside).</li>
 *   <li>An unlock with the wrong index (or a spurious one) can make an index look drained while a
 *       reader is inside: synchronize returns early. The model keeps the true set of readers apart
 *       from the counters and reports that as a FENCE violation.</li>
 *   <li>Calling synchronize inside a read section of the same srcu is a self-deadlock.</li>
 *   <li>An srcu_struct whose {@code init_srcu_struct} failed has no per-CPU counters: any use is
 *       a NULL dereference ({@link #initFailed()}).</li>
 * </ol>
 */
public final class Srcu {
    private final Kernel kernel;
    private final String name;
    private final String srcuReadLockLabel;
    private final String srcuReadUnlockLabel;
    private final String synchronizeSrcuLabel;
    private final Cell home;
    private final AtomicIntegerArray locks = new AtomicIntegerArray(2);
    private final AtomicIntegerArray unlocks = new AtomicIntegerArray(2);
    private final AtomicLong sectionIds = new AtomicLong();
    private final List<Section> inside = new ArrayList<>();
    private final Mutex gpMutex;
    private volatile int active;
    private volatile boolean broken;

    private record Section(long id, Actor actor, int idx, Site site) {
    }

    public Srcu(Kernel kernel, String name, Cell home) {
        this.kernel = kernel;
        this.name = name;
        this.srcuReadLockLabel = "srcu_read_lock(" + name + ")";
        this.srcuReadUnlockLabel = "srcu_read_unlock(" + name + ")";
        this.synchronizeSrcuLabel = "synchronize_srcu(" + name + ")";
        this.home = home;
        this.gpMutex = new Mutex(kernel, name + ".srcu_gp_mutex");
    }

    /** init_srcu_struct failed (its per-CPU allocation): the struct is unusable. */
    public void initFailed() {
        broken = true;
    }

    /** srcu_read_lock. */
    public int readLock() {
        use(srcuReadLockLabel);
        int idx = active;
        locks.incrementAndGet(idx);
        Actor me = kernel.self();
        synchronized (inside) {
            inside.add(new Section(sectionIds.incrementAndGet(), me, idx, me.site(srcuReadLockLabel)));
        }
        kernel.at(KernelPoints.SRCU_READ_LOCKED);
        return idx;
    }

    /**
     * srcu_read_unlock: {@code idx} must be what the matching readLock returned. The reader leaves
     * the model's set of readers inside before its unlock is counted, so a grace period that sees
     * the index drained never finds it still inside (on real threads the two are not atomic).
     */
    public void readUnlock(int idx) {
        use(srcuReadUnlockLabel);
        Actor me = kernel.self();
        synchronized (inside) {
            int mine = -1;
            for (int i = inside.size() - 1; i >= 0; i--) {
                if (inside.get(i).actor == me) {
                    mine = i;
                    break;
                }
            }
            if (mine < 0) {
                for (int i = inside.size() - 1; i >= 0; i--) {
                    if (inside.get(i).idx == idx) {
                        mine = i; // SRCU allows unlocking from another task
                        break;
                    }
                }
            }
            if (mine >= 0) {
                inside.remove(mine);
            }
        }
        unlocks.incrementAndGet(idx);
        kernel.progress();
    }

    /** synchronize_srcu: a full grace period. */
    public void synchronize() {
        use(synchronizeSrcuLabel);
        Actor me = kernel.self();
        if (readerIs(me)) {
            kernel.report(Kind.HANG, "synchronize_srcu(" + name + ") inside its own read-side section: "
                            + me.name() + " waits for itself", "srcu " + name,
                    List.of(Role.of("blocked", me.site(synchronizeSrcuLabel))), "");
            throw new HangAbort("synchronize_srcu inside read section");
        }
        long start = sectionIds.get();
        gpMutex.lock();
        try {
            int old = active;
            kernel.block(drained(1 - old));
            active = 1 - old;
            kernel.at(KernelPoints.SRCU_FLIPPED);
            kernel.block(drained(old));
        } finally {
            gpMutex.unlock();
        }
        List<Section> early = new ArrayList<>();
        synchronized (inside) {
            for (Section s : inside) {
                if (s.id <= start) {
                    early.add(s);
                }
            }
        }
        for (Section s : early) {
            kernel.report(Kind.FENCE, "synchronize_srcu(" + name + ") returned while " + s.actor.name()
                            + " is still inside a read-side section it entered before the grace period",
                    "srcu " + name, List.of(Role.of("returned to", me.site("synchronize_srcu(" + name + ") returned")),
                            Role.of("reader inside", s.site)), "");
        }
    }

    private Wait drained(int idx) {
        return new Wait() {
            @Override
            public boolean ready() {
                int u = unlocks.get(idx); // unlocks before locks, as srcu_readers_active_idx_check
                return locks.get(idx) == u;
            }

            @Override
            public String what() {
                StringBuilder b = new StringBuilder("synchronize_srcu(" + name + "): readers of index " + idx);
                synchronized (inside) {
                    for (Section s : inside) {
                        b.append("; ").append(s.actor.name()).append(" inside since ").append(s.site.step());
                    }
                }
                return b.toString();
            }
        };
    }

    /** Readers currently inside (the model's ground truth, not the counters). */
    public int readersInside() {
        synchronized (inside) {
            return inside.size();
        }
    }

    private boolean readerIs(Actor a) {
        synchronized (inside) {
            for (Section s : inside) {
                if (s.actor == a) {
                    return true;
                }
            }
            return false;
        }
    }

    private void use(String what) {
        if (home != null) {
            home.touch(what);
        }
        if (broken) {
            throw kernel.oops(Kind.NULL_DEREF, what + " on an srcu_struct whose init_srcu_struct failed", "srcu " + name,
                    List.of(Role.of("dereferenced by", kernel.self().site(what))));
        }
    }

    @Override
    public String toString() {
        return "srcu " + name;
    }
}
