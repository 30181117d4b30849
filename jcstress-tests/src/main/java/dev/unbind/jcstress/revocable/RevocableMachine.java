package dev.unbind.jcstress.revocable;

import dev.unbind.fault.FaultPlan;
import dev.unbind.fault.FaultSpec;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.sched.ExternalThreads;
import dev.unbind.sched.ThreadScheduler;
import dev.unbind.subjects.revocable.Revocable;
import dev.unbind.subjects.revocable.RevocableFamily;

import java.time.Duration;

/**
 * One simulated machine per JCStress state: a kernel driven by the JCStress actor threads, one
 * revocable variant on it (the EC probed, its cros-ec-chardev bound), and the fd the race is
 * about. Every test's actors delegate here, so the variants of a race run the same user and
 * system code and differ only in the model.
 *
 * <p>Each operation runs as a named kernel actor ({@code user}, {@code remover}...) on the
 * calling thread; a hang or an oops ends that operation and the finding stays in the kernel. The
 * arbiter ({@link #outcome()}) brings the machine to quiescence (fds closed, devices unbound,
 * modules unloaded) as actor {@code quiesce}, runs the leak checks and names the most severe
 * finding: {@code ok} or a property word ({@code use-after-free}, {@code hang}, {@code leak}...).
 */
final class RevocableMachine {
    /**
     * A wait longer than this is a hang. Longer than DRM's: here the fixed variant's remover
     * legitimately waits for a reader to leave its read section (and a reader for the remover to
     * wake it), JCStress does not start the two actors of a state together, and on a shared
     * two-core machine 200 ms of not being scheduled happens; a second is still a hang to a user.
     */
    static final Duration HANG_TIMEOUT = Duration.ofSeconds(1);

    private static final RevocableFamily FAMILY = new RevocableFamily();

    private final Kernel k;
    private final Revocable m;
    /** The fd opened before the race (null when the race opens its own). */
    private final File fd;

    private RevocableMachine(Kernel k, Revocable m, File fd) {
        this.k = k;
        this.m = m;
        this.fd = fd;
    }

    /**
     * The EC is unbound, in a task of its own, the moment {@code user} is inside a wrapped ioctl,
     * past try_access: the remove of a three-thread race, on a two-CPU JCStress run.
     */
    static final String UNBIND_WHILE_USER_INSIDE = "event:revocable.fs.after-try-access:unbind,times=1,actor=user";
    private static final FaultPlan UNBIND_INSIDE = FaultSpec.parse(UNBIND_WHILE_USER_INSIDE);

    /** The EC probed, nothing open: for races that open their own fd. */
    static RevocableMachine probed(String variant, int actors) {
        return probed(variant, actors, ExternalThreads.jcstress(actors, HANG_TIMEOUT));
    }

    private static RevocableMachine probed(String variant, int actors, Kernel k) {
        Revocable m = FAMILY.variant(variant).create().apply(k);
        int rc = m.probe();
        if (rc != 0) {
            throw new IllegalStateException(variant + ": probe without faults returned " + rc);
        }
        return new RevocableMachine(k, m, null);
    }

    /** The EC probed and /dev/cros_ec open: the starting point of the remove races. */
    static RevocableMachine probedAndOpen(String variant, int actors) {
        RevocableMachine p = probed(variant, actors);
        OpenResult open = p.m.open(Revocable.Node.CROS_EC);
        if (!open.ok()) {
            throw new IllegalStateException(variant + ": open after probe returned " + open.rc());
        }
        return new RevocableMachine(p.k, p.m, open.file());
    }

    /** Open, and the EC is unbound while {@code user} is inside a wrapped ioctl. */
    static RevocableMachine openWithUnbindWhileUserInside(String variant, int actors) {
        // what ExternalThreads.jcstress builds, with the fault plan
        Kernel k = Kernel.builder().traceCapacity(256).faults(UNBIND_INSIDE)
                .scheduler(new ThreadScheduler(HANG_TIMEOUT, Duration.ofMillis(2), 1_000)).build();
        k.expectActors(actors);
        RevocableMachine p = probed(variant, actors, k);
        OpenResult open = p.m.open(Revocable.Node.CROS_EC);
        if (!open.ok()) {
            throw new IllegalStateException(variant + ": open after probe returned " + open.rc());
        }
        return new RevocableMachine(p.k, p.m, open.file());
    }

    /** Open, with MKBP events requested, so that a read sleeps until the EC raises one. */
    static RevocableMachine waitingForEvents(String variant, int actors) {
        RevocableMachine p = probedAndOpen(variant, actors);
        p.m.ioctl(p.fd, Revocable.Cmd.EVENTMASK);
        return p;
    }

    // ------------------------------------------------------------------ what the actors do

    /** A thread of the process calls an ioctl on the open fd. */
    void ioctl(String actor, Revocable.Cmd cmd) {
        ExternalThreads.as(k, actor, () -> m.ioctl(fd, cmd));
    }

    /** A thread of the process reads the open fd. */
    void read(String actor) {
        ExternalThreads.as(k, actor, () -> m.read(fd));
    }

    /** The process closes the open fd (its last reference). */
    void close() {
        ExternalThreads.as(k, "closer", () -> m.close(fd));
    }

    /** The EC is unbound: its chardev first, then its devres revokes and frees the cros_ec_device. */
    void remove() {
        ExternalThreads.as(k, "remover", m::remove);
    }

    /** A process opens /dev/cros_ec and, if that worked, sends the EC a command. */
    void openAndUse() {
        ExternalThreads.as(k, "opener", () -> {
            OpenResult r = m.open(Revocable.Node.CROS_EC);
            if (r.ok()) {
                m.ioctl(r.file(), Revocable.Cmd.XCMD);
            }
        });
    }

    // ------------------------------------------------------------------ the arbiter

    /**
     * Quiesces, checks for leaks and returns the outcome word. An exception that escaped model
     * code is a bug in the model or the harness, not an outcome: it is thrown, so JCStress reports
     * the test as an error instead of counting a word.
     */
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
}
