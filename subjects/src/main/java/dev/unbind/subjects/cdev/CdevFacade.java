package dev.unbind.subjects.cdev;

import dev.unbind.engine.lincheck.Invocations;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.engine.lincheck.KernelFindings;
import dev.unbind.engine.lincheck.LincheckVariant;
import dev.unbind.result.Catalogue;
import dev.unbind.sched.ExternalThreads;
import dev.unbind.subject.Subjects;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;

import java.util.List;

import static dev.unbind.engine.lincheck.Answers.BAD_FD;
import static dev.unbind.engine.lincheck.Answers.OOPSED;
import static dev.unbind.engine.lincheck.Answers.wordOrGone;

/**
 * The daq card's first board ({@code /dev/daq0}) as one process and the system see it, for
 * Lincheck: each invocation builds a fresh machine and probes the driver in its constructor; every
 * {@code @Operation} is one system call, interrupt or sysfs action on that machine, run as a
 * named actor, and returns what user space would see ({@code ok}, {@code gone}, {@code ebadf}...).
 *
 * <p>The process has one fd: {@code open} opens {@code /dev/daq0} into it, its ioctls use it,
 * {@code close} closes it. The three come from the thread that owns the fd
 * ({@code nonParallelGroup}, see {@link #FD_OWNER}); open, close and remove happen at most once
 * ({@code runOnce}); remove may wait for the fops in flight ({@code blocking}). Nothing is opened
 * in set-up: on two of the sketch's repairs every open of the board oopses, and that has
 * to be a verdict of a check, not a broken set-up.
 *
 * <p>Random scenarios draw only the ioctls that return on their own ({@code cmd} below): a
 * {@code WAIT_EVENT} sleeps until the card raises a sample ({@link #irq()}) or remove wakes it,
 * so it appears in hand-written scenarios only, and so does no {@code read}: it would be the
 * same sleep.
 *
 * <p>The three errors a file or an open may see once removal began ({@code -ENXIO},
 * {@code -ENODEV}, {@code -ENOENT}; which one depends on how far remove got) are one word,
 * {@code gone}: the contract lets user space rely on the device being gone, not on the errno.
 *
 * <p>{@link #validate()} checks the lifetime properties at the end of each run: pending work
 * runs, the process exits (its fd is closed), every board is removed and the modules are
 * unloaded; whatever the kernel found then (a use-after-free, a leak, a NULL dereference, a
 * result outside the contract...) fails the run with one line per finding naming the catalogued
 * defect ({@link KernelFindings}). Results are checked against {@link CdevContract}.
 */
@Param(name = "cmd", gen = IoctlGen.class, conf = "GET_STATUS,SET_FLAGS")
public class CdevFacade {
    private static final Catalogue CATALOGUE = Catalogue.of(Subjects.of(List.of(new CdevFamily())));
    /**
     * One user thread owns the fd: its open, ioctls and close are never concurrent with each
     * other. A syscall in flight keeps its file after a concurrent close, so its answer could
     * depend on a remove that happened after close returned: correct kernel behaviour that no
     * sequential order of the calls explains.
     */
    static final String FD_OWNER = "fd";

    private final String variant;
    private final Kernel k;
    private final Chardev daq;
    /** The process's one fd, or null (not opened, the open failed, or closed). */
    private volatile File fd;

    /** A fresh machine for the variant being checked ({@link LincheckVariant#current()}). */
    public CdevFacade() {
        this(LincheckVariant.current());
    }

    protected CdevFacade(String variant) {
        Invocations.started();
        this.variant = variant;
        this.k = ExternalThreads.lincheck();
        this.daq = new CdevFamily().variant(variant).create().apply(k);
        int rc = ExternalThreads.as(k, "setup", OOPSED, daq::probe);
        if (rc != 0) {
            throw new IllegalStateException(variant + ": probe without faults returned " + rc);
        }
    }

    /** open("/dev/daq0") into the process's fd. */
    @Operation(runOnce = true, nonParallelGroup = FD_OWNER)
    public String open() {
        return wordOrGone(ExternalThreads.as(k, "user", OOPSED, () -> {
            OpenResult r = daq.open();
            if (r.ok()) {
                fd = r.file();
            }
            return r.rc();
        }));
    }

    /** ioctl(2) on the fd (by the thread that owns it). */
    @Operation(nonParallelGroup = FD_OWNER)
    public String ioctl(@Param(name = "cmd") Chardev.Ioctl cmd) {
        return wordOrGone(ExternalThreads.as(k, "user", OOPSED, () -> {
            File f = fd;
            return f == null ? BAD_FD : (int) daq.ioctl(f, cmd);
        }));
    }

    /** The card raises a sample: its interrupt handler runs (nothing, once the irq was freed). */
    @Operation
    public void irq() {
        ExternalThreads.as(k, "card", daq::irq);
    }

    /** close(2) of the fd; the driver's release runs now (this is the fd's only reference). */
    @Operation(runOnce = true, nonParallelGroup = FD_OWNER)
    public void close() {
        ExternalThreads.as(k, "closer", () -> {
            File f = fd;
            fd = null;
            if (f != null) {
                daq.close(f);
            }
        });
    }

    /** echo daq0 > unbind: the driver's remove, then devres; it may wait for the fops in flight. */
    @Operation(runOnce = true, blocking = true)
    public void remove() {
        ExternalThreads.as(k, "remover", daq::remove);
    }

    /**
     * The lifetime properties at the end of a run: pending work runs, the process exits, the
     * boards are removed, the modules unloaded; then nothing may be leaked and no finding may
     * have been reported at any point of the run.
     */
    @Validate
    public void validate() {
        ExternalThreads.as(k, "exit", () -> {
            ExternalThreads.settle(k);
            fd = null;
            daq.quiesce(); // closes what the process still has open
            ExternalThreads.settle(k);
            k.checkQuiescence();
        });
        KernelFindings.throwIfAny(k, variant, CATALOGUE);
    }

}
