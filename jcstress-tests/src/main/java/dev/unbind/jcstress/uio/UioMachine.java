package dev.unbind.jcstress.uio;

import dev.unbind.fault.FaultSpec;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vma;
import dev.unbind.sched.ExternalThreads;
import dev.unbind.sched.ThreadScheduler;
import dev.unbind.subjects.uio.Uio;
import dev.unbind.subjects.uio.UioFamily;

import java.time.Duration;

/**
 * One simulated machine per JCStress state: a kernel driven by the JCStress actor threads, one
 * uio variant on it, and the fd and ring mapping the race is about. Every test's actors delegate
 * here, so the variants of a race run the same user and system code and differ only in the model.
 *
 * <p>Each operation runs as a named kernel actor ({@code daemon}, {@code admin}...) on the calling
 * thread; a hang or an oops ends that operation and the finding stays in the kernel. The arbiter
 * ({@link #outcome()}) lets the race settle, brings the machine to quiescence (fds closed,
 * mappings gone, devices deleted and unbound, modules unloaded) as actor {@code quiesce}, runs the
 * leak checks and names the most severe finding: {@code ok} or a property word ({@code leak},
 * {@code fence}, {@code use-after-free}...).
 */
final class UioMachine {
    /** Two actors race. */
    static final int ACTORS = 2;
    /**
     * A wait longer than this is a hang. Real hangs are found sooner (a deadlock when every actor
     * is blocked); this bounds a wait on an actor that is runnable but not running, which on two
     * loaded cores can last longer than 200 ms (as the DRM tests measured).
     */
    static final Duration HANG_TIMEOUT = Duration.ofSeconds(1);
    /** tcmu_configure_device's netlink add event fails after uio_register_device (the fail-nth find). */
    static final String FAILING_NETLINK = "fail:tcmu.configure.netlink_add_event";
    /** The ring is map 0 of a tcmu device. */
    private static final int RING = 0;

    private static final UioFamily FAMILY = new UioFamily();

    private final Kernel k;
    private final Uio uio;
    private volatile File fd;
    private volatile Vma ring;

    private UioMachine(Kernel k, Uio uio) {
        this.k = k;
        this.uio = uio;
    }

    private static UioMachine on(Kernel k, String variant) {
        return new UioMachine(k, FAMILY.variant(variant).create().apply(k));
    }

    /** A tcmu backstore created, and tcmu-runner with /dev/uio0 open and its ring mapped. */
    static UioMachine tcmuRunning(String variant) {
        UioMachine m = on(ExternalThreads.jcstress(ACTORS, HANG_TIMEOUT), variant);
        int rc = m.uio.createTcmu();
        if (rc != 0) {
            throw new IllegalStateException(variant + ": creating the backstore without faults returned " + rc);
        }
        OpenResult open = m.uio.open(Uio.Dev.TCMU);
        if (!open.ok()) {
            throw new IllegalStateException(variant + ": open after create returned " + open.rc());
        }
        m.fd = open.file();
        m.ring = m.uio.mmap(m.fd, RING);
        return m;
    }

    /** A backstore was deleted while tcmu-runner kept /dev/uio0 open; its minor is free again. */
    static UioMachine tcmuDeletedUnderAnOpenFd(String variant) {
        UioMachine m = tcmuRunning(variant);
        m.uio.deleteTcmu();
        return m;
    }

    /** The platform device bound; nothing open. */
    static UioMachine platformBound(String variant) {
        UioMachine m = on(ExternalThreads.jcstress(ACTORS, HANG_TIMEOUT), variant);
        int rc = m.uio.probe();
        if (rc != 0) {
            throw new IllegalStateException(variant + ": probe without faults returned " + rc);
        }
        return m;
    }

    /** No backstore yet, and its configuration will fail at the netlink add event. */
    static UioMachine withFailingNetlink(String variant) {
        // what ExternalThreads.jcstress builds, with the fault plan
        Kernel k = Kernel.builder().traceCapacity(256).faults(FaultSpec.parse(FAILING_NETLINK))
                .scheduler(new ThreadScheduler(HANG_TIMEOUT, Duration.ofMillis(2), 1_000)).build();
        k.expectActors(ACTORS);
        return on(k, variant);
    }

    // ------------------------------------------------------------------ what the actors do

    /** tcmu-runner exits: munmap of the ring, close of the fd. */
    void daemonExits() {
        ExternalThreads.as(k, "daemon", () -> {
            Vma v = ring;
            ring = null;
            if (v != null) {
                uio.munmap(v);
            }
            uio.close(fd);
        });
    }

    /** tcmu-runner reopens its old fd through /proc/self/fd (whatever device now has the minor) and polls it. */
    void daemonReopens() {
        ExternalThreads.as(k, "daemon", () -> {
            OpenResult r = uio.reopen(fd);
            if (r.ok()) {
                uio.poll(r.file());
            }
        });
    }

    /** tcmu-runner opens /dev/uio0, maps the ring and faults on it, if the node is there. */
    void daemonOpensAndMaps() {
        ExternalThreads.as(k, "daemon", () -> {
            OpenResult r = uio.open(Uio.Dev.TCMU);
            if (r.ok()) {
                fd = r.file();
                ring = uio.mmap(r.file(), RING);
                if (ring != null) {
                    uio.touch(ring);
                }
            }
        });
    }

    /** The admin removes the backstore (rmdir in configfs). */
    void delete() {
        ExternalThreads.as(k, "admin", uio::deleteTcmu);
    }

    /** The admin creates and enables a backstore. */
    void create() {
        ExternalThreads.as(k, "admin", () -> uio.createTcmu());
    }

    /** The platform device raises its interrupt line. */
    void interrupt() {
        ExternalThreads.as(k, "device", uio::interrupt);
    }

    /** The platform device is unbound. */
    void remove() {
        ExternalThreads.as(k, "remover", uio::remove);
    }

    // ------------------------------------------------------------------ the arbiter

    /**
     * Settles, quiesces, checks for leaks and returns the outcome word. An exception that escaped
     * model code is a bug in the model or the harness, not an outcome: it is thrown, so JCStress
     * reports the test as an error instead of counting a word.
     */
    String outcome() {
        ExternalThreads.settle(k);
        ExternalThreads.as(k, "quiesce", uio::quiesce);
        ExternalThreads.settle(k);
        k.checkQuiescence();
        if (!k.errors().isEmpty()) {
            throw new IllegalStateException("model error: " + k.errors().get(0), k.errors().get(0));
        }
        return ExternalThreads.outcome(k);
    }

    /** After the race, the daemon faults on the ring it mapped in the race (if it did); then {@link #outcome()}. */
    String faultAgainThenOutcome() {
        ExternalThreads.settle(k);
        Vma v = ring;
        if (v != null) {
            ExternalThreads.as(k, "daemon", () -> uio.touch(v));
        }
        return outcome();
    }
}
