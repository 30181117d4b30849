package dev.unbind.jcstress.drm;

import dev.unbind.fault.FaultPlan;
import dev.unbind.fault.FaultSpec;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.sched.ExternalThreads;
import dev.unbind.sched.ThreadScheduler;
import dev.unbind.subjects.drm.Drm;
import dev.unbind.subjects.drm.DrmFamily;

import java.time.Duration;

/**
 * One simulated machine per JCStress state: a kernel driven by the JCStress actor threads, one
 * DRM variant on it, and the fd the race is about. Every test's actors delegate here, so the
 * variants of a race run exactly the same user and system code and differ only in the model.
 *
 * <p>Each operation runs as a named kernel actor ({@code user}, {@code remover}...) on the
 * calling thread; a hang or an oops ends that operation, the finding stays in the kernel. The
 * arbiter ({@link #outcome()}) lets spawned work (commit kworkers) finish, brings the machine to
 * quiescence (fds closed, device removed, modules unloaded) as actor {@code quiesce}, runs the
 * leak checks, and names the most severe finding: {@code ok} or a property word
 * ({@code use-after-free}, {@code fence}, {@code hang}...).
 *
 * <p>Kept small: JCStress creates many states per second, each builds one of these.
 */
final class DrmMachine {
    /** Two actors race. */
    static final int ACTORS = 2;
    /**
     * A wait longer than this is a hang. Real hangs in these races are found sooner: a deadlock
     * when every actor is blocked, a driver's 10 s timeout as a stall after 10 ms. What this bounds
     * is a wait on an actor that is runnable but not running, and on two loaded cores a kworker
     * was measured to wait for a CPU longer than 200 ms (a false "hang" on the quiesced variant).
     */
    static final Duration HANG_TIMEOUT = Duration.ofSeconds(1);
    /** drm_dev_register fails after the minor became visible (PROTOCOLS.md §6(e) 4). */
    static final String FAILING_REGISTER = "fail:drm.core.drm_dev_register.modeset_register_all";

    private static final DrmFamily FAMILY = new DrmFamily();
    private static final FaultPlan REGISTER_FAILS = FaultSpec.parse(FAILING_REGISTER);

    private final Kernel k;
    private final Drm drm;
    /** The fd opened before the race (null when the race opens its own). */
    private final File fd;

    private DrmMachine(Kernel k, Drm drm, File fd) {
        this.k = k;
        this.drm = drm;
        this.fd = fd;
    }

    /** The device probed and /dev/dri/card0 open: the starting point of every remove race. */
    static DrmMachine probedAndOpen(String variant) {
        Kernel k = ExternalThreads.jcstress(ACTORS, HANG_TIMEOUT);
        Drm drm = create(variant, k);
        int rc = drm.probe();
        if (rc != 0) {
            throw new IllegalStateException(variant + ": probe without faults returned " + rc);
        }
        OpenResult open = drm.open();
        if (!open.ok()) {
            throw new IllegalStateException(variant + ": open after probe returned " + open.rc());
        }
        return new DrmMachine(k, drm, open.file());
    }

    /** Nothing probed yet, and the probe's drm_dev_register will fail once the minor is visible. */
    static DrmMachine withFailingRegister(String variant) {
        // what ExternalThreads.jcstress builds, with the fault plan
        Kernel k = Kernel.builder().traceCapacity(256).faults(REGISTER_FAILS)
                .scheduler(new ThreadScheduler(HANG_TIMEOUT, Duration.ofMillis(2), 1_000)).build();
        k.expectActors(ACTORS);
        return new DrmMachine(k, create(variant, k), null);
    }

    private static Drm create(String variant, Kernel k) {
        return FAMILY.variant(variant).create().apply(k);
    }

    // ------------------------------------------------------------------ what the actors do

    /** The user calls an ioctl on the open fd. */
    void ioctl(Drm.Ioctl cmd) {
        ExternalThreads.as(k, "user", () -> drm.ioctl(fd, cmd));
    }

    /** The user closes the open fd (its last reference). */
    void close() {
        ExternalThreads.as(k, "closer", () -> drm.close(fd));
    }

    /** The device is unbound (sysfs unbind, hot-unplug). */
    void remove() {
        ExternalThreads.as(k, "remover", drm::remove);
    }

    /** The driver binds to the device. */
    void probe() {
        ExternalThreads.as(k, "prober", () -> drm.probe());
    }

    /** A process opens /dev/dri/card0 and, if that worked, reads a hardware parameter. */
    void openAndUse() {
        ExternalThreads.as(k, "opener", () -> {
            OpenResult r = drm.open();
            if (r.ok()) {
                drm.ioctl(r.file(), Drm.Ioctl.GET_PARAM);
            }
        });
    }

    // ------------------------------------------------------------------ the arbiter

    /**
     * Settles, quiesces, checks for leaks and returns the outcome word. An exception that escaped
     * model code is a bug in the model or the harness, not an outcome: it is thrown, so JCStress
     * reports the test as an error instead of counting a word.
     */
    String outcome() {
        ExternalThreads.settle(k);
        ExternalThreads.as(k, "quiesce", drm::quiesce);
        ExternalThreads.settle(k);
        k.checkQuiescence();
        if (!k.errors().isEmpty()) {
            throw new IllegalStateException("model error: " + k.errors().get(0), k.errors().get(0));
        }
        return ExternalThreads.outcome(k);
    }
}
