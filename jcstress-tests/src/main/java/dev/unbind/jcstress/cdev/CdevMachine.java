package dev.unbind.jcstress.cdev;

import dev.unbind.fault.FaultPlan;
import dev.unbind.fault.FaultSpec;
import dev.unbind.kernel.HangAbort;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Oops;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.sched.ExternalThreads;
import dev.unbind.sched.ThreadScheduler;
import dev.unbind.subjects.cdev.CdevFamily;
import dev.unbind.subjects.cdev.Chardev;

import java.time.Duration;

/**
 * One simulated machine per JCStress state: a kernel driven by the JCStress actor threads, one
 * cdev variant on it, and the fd the race is about. Every test's actors delegate here, so the
 * variants of a race run exactly the same user and system code and differ only in the model.
 *
 * <p>The setup (probe, open) runs before the actors. On the sketch's middle repairs the open
 * itself oopses; the fd is then missing, the actors that need it do nothing, and the outcome is
 * the oops. The arbiter ({@link #outcome()}) lets spawned work finish, brings the machine to
 * quiescence as actor {@code quiesce}, runs the leak checks and names the most severe finding:
 * {@code ok} or a property word ({@code use-after-free}, {@code fence}, {@code errno}...).
 */
final class CdevMachine {
    static final int ACTORS = 2;
    /**
     * A wait longer than this is a hang. The hangs of these races are found sooner (a deadlock
     * when every actor is blocked); what this bounds is a wait on an actor that is runnable but
     * not running, which on two loaded cores was measured above 200 ms (as in the DRM tests).
     */
    static final Duration HANG_TIMEOUT = Duration.ofSeconds(1);
    /** The last step of probe fails after the nodes became visible. */
    static final String FAILING_REGISTER = "fail:cdev.driver.probe.request_irq";

    private static final CdevFamily FAMILY = new CdevFamily();
    private static final FaultPlan REGISTER_FAILS = FaultSpec.parse(FAILING_REGISTER);

    private final Kernel k;
    private final Chardev m;
    /** The fd opened before the race, or null (the race opens its own, or the setup's open failed). */
    private final File fd;

    private CdevMachine(Kernel k, Chardev m, File fd) {
        this.k = k;
        this.m = m;
        this.fd = fd;
    }

    /** daq0 probed and open: the starting point of the remove races. */
    static CdevMachine probedAndOpen(String variant) {
        Kernel k = ExternalThreads.jcstress(ACTORS, HANG_TIMEOUT);
        Chardev m = create(variant, k);
        File[] fd = new File[1];
        setup(variant, () -> {
            probe(variant, m);
            OpenResult r = m.open();
            fd[0] = r.ok() ? r.file() : null;
        });
        return new CdevMachine(k, m, fd[0]);
    }

    /** daq0 probed, nothing open: for the races that open during remove. */
    static CdevMachine probed(String variant) {
        Kernel k = ExternalThreads.jcstress(ACTORS, HANG_TIMEOUT);
        Chardev m = create(variant, k);
        setup(variant, () -> probe(variant, m));
        return new CdevMachine(k, m, null);
    }

    /** Nothing probed yet, and the probe's last step will fail once the nodes are visible. */
    static CdevMachine withFailingRegister(String variant) {
        // what ExternalThreads.jcstress builds, with the fault plan
        Kernel k = Kernel.builder().traceCapacity(256).faults(REGISTER_FAILS)
                .scheduler(new ThreadScheduler(HANG_TIMEOUT, Duration.ofMillis(2), 1_000)).build();
        k.expectActors(ACTORS);
        return new CdevMachine(k, create(variant, k), null);
    }

    private static Chardev create(String variant, Kernel k) {
        return FAMILY.variant(variant).create().apply(k);
    }

    private static void probe(String variant, Chardev m) {
        int rc = m.probe();
        if (rc != 0) {
            throw new IllegalStateException(variant + ": probe without faults returned " + rc);
        }
    }

    /** Setup on the constructing thread: an oops there is the variant's finding, not an error. */
    private static void setup(String variant, Runnable body) {
        try {
            body.run();
        } catch (Oops | HangAbort ended) {
            // the finding stays in the kernel; the race runs without what setup did not finish
        }
    }

    // ------------------------------------------------------------------ what the actors do

    /** The user reads the status register through the open fd. */
    void ioctl() {
        ExternalThreads.as(k, "user", () -> {
            if (fd != null) {
                m.ioctl(fd, Chardev.Ioctl.GET_STATUS);
            }
        });
    }

    /** The user closes the open fd (its last reference). */
    void close() {
        ExternalThreads.as(k, "closer", () -> {
            if (fd != null) {
                m.close(fd);
            }
        });
    }

    /** daq0 is unbound (sysfs unbind, hot-unplug). */
    void remove() {
        ExternalThreads.as(k, "remover", m::remove);
    }

    /** The driver binds to daq0. */
    void probe() {
        ExternalThreads.as(k, "prober", () -> m.probe());
    }

    /** A process opens /dev/daq0 and, if that worked, reads the status register. */
    void openAndUse() {
        ExternalThreads.as(k, "opener", () -> {
            OpenResult r = m.open();
            if (r.ok()) {
                m.ioctl(r.file(), Chardev.Ioctl.GET_STATUS);
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
        ExternalThreads.as(k, "quiesce", m::quiesce);
        ExternalThreads.settle(k);
        k.checkQuiescence();
        if (!k.errors().isEmpty()) {
            throw new IllegalStateException("model error: " + k.errors().get(0), k.errors().get(0));
        }
        return ExternalThreads.outcome(k);
    }
}
