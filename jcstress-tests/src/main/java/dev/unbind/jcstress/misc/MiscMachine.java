package dev.unbind.jcstress.misc;

import dev.unbind.kernel.Actor;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.sched.ExternalThreads;
import dev.unbind.subjects.misc.MiscChardev;
import dev.unbind.subjects.misc.MiscChardev.Ec;
import dev.unbind.subjects.misc.MiscFamily;

import java.time.Duration;

/**
 * One simulated ChromeOS machine per JCStress state: a kernel driven by the JCStress actor
 * threads, one misc variant on it, and the fd of /dev/cros_ec the race is about. Every test's
 * actors delegate here, so the variants of a race run exactly the same user and system code and
 * differ only in the model.
 *
 * <p>Each operation runs as a named kernel actor ({@code user}, {@code remover}...) on the
 * calling thread; a hang or an oops ends that operation, the finding stays in the kernel. The
 * arbiter ({@link #outcome()}) brings the machine to quiescence (fds closed, ECs unbound, module
 * unloaded) as actor {@code quiesce}, runs the leak checks, and names the most severe finding:
 * {@code ok} or a property word ({@code use-after-free}, {@code hang}, {@code leak}...).
 */
final class MiscMachine {
    /**
     * A wait longer than this is a hang. Longer than DRM's: in the reader race the read of one
     * state sleeps until the remover's thread, running through its own batch of states, reaches
     * that state and wakes it, and on a loaded machine that alone can take a few hundred ms.
     */
    static final Duration HANG_TIMEOUT = Duration.ofSeconds(1);

    private static final MiscFamily FAMILY = new MiscFamily();

    private final Kernel k;
    private final MiscChardev m;
    /** The fd the race is about: opened before the race, or by it. */
    private volatile File fd;
    /** The user killed the reader before the reader's thread started (guarded by this). */
    private boolean killedBeforeStart;

    private MiscMachine(Kernel k, MiscChardev m, File fd) {
        this.k = k;
        this.m = m;
        this.fd = fd;
    }

    /**
     * The EC bound and /dev/cros_ec open: the starting point of every remove race.
     *
     * @param actors the kernel actors the race runs (so a lone early one is not called hung)
     */
    static MiscMachine probedAndOpen(String variant, int actors) {
        Kernel k = ExternalThreads.jcstress(actors, HANG_TIMEOUT);
        MiscChardev m = FAMILY.variant(variant).create().apply(k);
        int rc = m.probe(Ec.EC);
        if (rc != 0) {
            throw new IllegalStateException(variant + ": probe without faults returned " + rc);
        }
        OpenResult open = m.open(Ec.EC);
        if (!open.ok()) {
            throw new IllegalStateException(variant + ": open after probe returned " + open.rc());
        }
        return new MiscMachine(k, m, open.file());
    }

    /** Same, and the fd subscribed to MKBP events: its next read sleeps until one arrives. */
    static MiscMachine subscribed(String variant, int actors) {
        MiscMachine mm = probedAndOpen(variant, actors);
        long rc = mm.m.ioctl(mm.fd, MiscChardev.Cmd.EVENTMASK);
        if (rc != 0) {
            throw new IllegalStateException(variant + ": EVENTMASK returned " + rc);
        }
        return mm;
    }

    /** Nothing bound yet: the race binds the EC. */
    static MiscMachine unbound(String variant, int actors) {
        Kernel k = ExternalThreads.jcstress(actors, HANG_TIMEOUT);
        return new MiscMachine(k, FAMILY.variant(variant).create().apply(k), null);
    }

    // ------------------------------------------------------------------ what the actors do

    /** The user sends an XCMD on the open fd (it sleeps on the EC's bus). */
    void xcmd() {
        ExternalThreads.as(k, "user", () -> m.ioctl(fd, MiscChardev.Cmd.XCMD));
    }

    /** The user reads the open fd: waits for an MKBP event once subscribed. */
    void read() {
        ExternalThreads.as(k, "reader", () -> {
            synchronized (this) {
                if (killedBeforeStart) {
                    k.self().signal(true); // the kill came before this thread did
                }
            }
            m.read(fd);
        });
    }

    /** The user closes the open fd (its last reference). */
    void close() {
        ExternalThreads.as(k, "closer", () -> m.close(fd));
    }

    /** The EC raises an MKBP event. */
    void event() {
        ExternalThreads.as(k, "irq", () -> m.raiseEvent(Ec.EC));
    }

    /** The EC is unbound: its chardev child first. */
    void remove() {
        ExternalThreads.as(k, "remover", () -> m.remove(Ec.EC));
    }

    /** The EC is bound: its probe adds and probes the chardev. */
    void probe() {
        ExternalThreads.as(k, "prober", () -> m.probe(Ec.EC));
    }

    /** A process opens /dev/cros_ec; the fd, if any, is the one the arbiter uses. */
    void open() {
        ExternalThreads.as(k, "opener", () -> {
            OpenResult r = m.open(Ec.EC);
            if (r.ok()) {
                fd = r.file();
            }
        });
    }

    /**
     * The EC is unbound; once that has returned, and never before, the user kills the reader: a
     * remove that waits for the reader hangs, as P-HANG demands to detect. A kill that comes
     * before the reader's thread has started is delivered when it starts, so no actor ever waits
     * for another JCStress thread to arrive.
     */
    void removeThenKillReader() {
        remove();
        ExternalThreads.as(k, "killer", () -> {
            synchronized (this) {
                Actor reader = k.actorNamed("reader");
                if (reader != null) {
                    reader.signal(true);
                } else {
                    killedBeforeStart = true;
                }
            }
        });
    }

    // ------------------------------------------------------------------ the arbiter

    /** Settles, quiesces, checks for leaks and returns the outcome word. */
    String outcome() {
        ExternalThreads.settle(k);
        ExternalThreads.as(k, "quiesce", m::quiesce);
        ExternalThreads.settle(k);
        k.checkQuiescence();
        if (!k.errors().isEmpty()) {
            throw new IllegalStateException("model error: " + k.errors().get(0), k.errors().get(0));
        }
        return ExternalThreads.outcome(k);
    }

    /** After the race: the EC is unbound, then the fd the race opened (if any) is read. */
    String outcomeAfterRemoveAndRead() {
        ExternalThreads.settle(k);
        ExternalThreads.as(k, "remover", () -> m.remove(Ec.EC));
        File f = fd;
        if (f != null) {
            ExternalThreads.as(k, "user", () -> m.read(f));
        }
        return outcome();
    }
}
