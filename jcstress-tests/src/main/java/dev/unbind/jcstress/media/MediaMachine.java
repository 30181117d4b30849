package dev.unbind.jcstress.media;

import dev.unbind.fault.FaultPlan;
import dev.unbind.fault.FaultSpec;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.sched.ExternalThreads;
import dev.unbind.sched.ThreadScheduler;
import dev.unbind.subjects.media.Media;
import dev.unbind.subjects.media.MediaFamily;

import java.time.Duration;

/**
 * One simulated machine per JCStress state: a kernel driven by the JCStress actor threads, one
 * media variant on it, and the fd the race is about. Every test's actors delegate here, so the
 * variants of a race run exactly the same user and system code and differ only in the model.
 *
 * <p>Each operation runs as a named kernel actor ({@code user}, {@code remover}...) on the
 * calling thread; a hang or an oops ends that operation, the finding stays in the kernel. The
 * arbiter ({@link #outcome()}) first checks the contract of an fd opened while the registration
 * failed (-EIO), then brings the machine to quiescence (fds closed, device removed, modules
 * unloaded), runs the leak checks, and names the most severe finding: {@code ok} or a property
 * word ({@code use-after-free}, {@code fence}, {@code errno}...).
 */
final class MediaMachine {
    /** Two actors race. */
    static final int ACTORS = 2;
    /**
     * A wait longer than this is a hang. Real hangs are found sooner (a deadlock when every actor
     * is blocked); what this bounds is a wait on a runnable actor that two loaded cores do not run
     * (the DRM tests measured more than 200 ms).
     */
    static final Duration HANG_TIMEOUT = Duration.ofSeconds(1);
    /** cdev_device_add's device_add fails after the char device was mapped (PROTOCOLS.md §1(f)). */
    static final String FAILING_DEVICE_ADD = "fail:kernel.cdev_device_add.device_add";

    private static final MediaFamily FAMILY = new MediaFamily();
    private static final FaultPlan DEVICE_ADD_FAILS = FaultSpec.parse(FAILING_DEVICE_ADD);

    private final Kernel k;
    private final Media media;
    /** The fd of the race: opened before it, or by the opener during it. */
    private volatile File fd;
    private volatile int probed;

    private MediaMachine(Kernel k, Media media, File fd) {
        this.k = k;
        this.media = media;
        this.fd = fd;
    }

    /** The device probed, no file open. */
    static MediaMachine probed(String variant) {
        Kernel k = ExternalThreads.jcstress(ACTORS, HANG_TIMEOUT);
        Media m = create(variant, k);
        int rc = m.probe();
        if (rc != 0) {
            throw new IllegalStateException(variant + ": probe without faults returned " + rc);
        }
        return new MediaMachine(k, m, null);
    }

    /** The device probed and /dev/media0 open: the starting point of the remove races. */
    static MediaMachine probedAndOpen(String variant) {
        MediaMachine machine = probed(variant);
        OpenResult open = machine.media.open();
        if (!open.ok()) {
            throw new IllegalStateException(variant + ": open after probe returned " + open.rc());
        }
        machine.fd = open.file();
        return machine;
    }

    /** Nothing probed yet, and the probe's cdev_device_add will fail once the char device is mapped. */
    static MediaMachine withFailingDeviceAdd(String variant) {
        // what ExternalThreads.jcstress builds, with the fault plan
        Kernel k = Kernel.builder().traceCapacity(256).faults(DEVICE_ADD_FAILS)
                .scheduler(new ThreadScheduler(HANG_TIMEOUT, Duration.ofMillis(2), 1_000)).build();
        k.expectActors(ACTORS);
        return new MediaMachine(k, create(variant, k), null);
    }

    private static Media create(String variant, Kernel k) {
        return FAMILY.variant(variant).create().apply(k);
    }

    // ------------------------------------------------------------------ what the actors do

    /** The user calls an ioctl on the open fd. */
    void ioctl(Media.Ioctl cmd) {
        ExternalThreads.as(k, "user", () -> media.ioctl(fd, cmd));
    }

    /** The user closes the open fd (its last reference). */
    void close() {
        ExternalThreads.as(k, "closer", () -> media.close(fd));
    }

    /** The device is unbound (sysfs unbind, hot-unplug). */
    void remove() {
        ExternalThreads.as(k, "remover", media::remove);
    }

    /** The ISP raises its interrupt. */
    void interrupt() {
        ExternalThreads.as(k, "irq", media::interrupt);
    }

    /** The driver binds to the device. */
    void probe() {
        ExternalThreads.as(k, "prober", () -> probed = media.probe());
    }

    /** A process with a static /dev node (mknod) opens media0 and keeps the fd. */
    void openNode() {
        ExternalThreads.as(k, "opener", () -> {
            OpenResult r = media.openNode();
            fd = r.ok() ? r.file() : null;
        });
    }

    // ------------------------------------------------------------------ the arbiter

    /**
     * Checks the window's fd, settles, quiesces, checks for leaks and returns the outcome word.
     * An exception that escaped model code is a bug in the model or the harness, not an outcome:
     * it is thrown, so JCStress reports the test as an error instead of counting a word.
     */
    String outcome() {
        ExternalThreads.settle(k);
        File window = fd;
        if (probed != 0 && window != null) {
            ExternalThreads.as(k, "user", () -> k.expectResult("ioctl on an fd opened while the registration failed",
                    media.ioctl(window, Media.Ioctl.DEVICE_INFO), -Errno.EIO));
        }
        ExternalThreads.as(k, "quiesce", media::quiesce);
        ExternalThreads.settle(k);
        k.checkQuiescence();
        if (!k.errors().isEmpty()) {
            throw new IllegalStateException("model error: " + k.errors().get(0), k.errors().get(0));
        }
        return ExternalThreads.outcome(k);
    }
}
