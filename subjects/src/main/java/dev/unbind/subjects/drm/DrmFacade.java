package dev.unbind.subjects.drm;

import dev.unbind.engine.lincheck.KernelFindings;
import dev.unbind.engine.lincheck.LincheckVariant;
import dev.unbind.engine.lincheck.ProcessFd;
import dev.unbind.engine.lincheck.FindingMessage;
import dev.unbind.engine.lincheck.Invocations;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.result.Catalogue;
import dev.unbind.sched.ExternalThreads;
import dev.unbind.subject.Subjects;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;

import java.util.List;

import static dev.unbind.engine.lincheck.Answers.OOPSED;
import static dev.unbind.engine.lincheck.Answers.word;

/**
 * One DRM device as user space and the system see it, for Lincheck: the constructor builds a
 * fresh machine, probes the display driver and opens {@code /dev/dri/card0} once; every
 * {@code @Operation} is one system call or sysfs/module action on that machine, run as a named
 * actor, and returns what user space would see ({@code ok}, {@code enodev}, {@code ebusy}...).
 *
 * <p>Constraints are declared, not coded: {@code close}, {@code remove} and {@code rmmodHelper}
 * happen at most once ({@code runOnce}); the fd's ioctls and its close come from one thread
 * ({@code nonParallelGroup}, see {@link #FD_OWNER}); remove may sleep ({@code blocking}).
 * Random scenarios only draw the ioctls that return on their own ({@code cmd} below): a
 * {@code WAIT_EVENT} sleeps until remove wakes it, and a nonblocking commit needs a
 * {@link #kworker()} to run its tail before remove can flush it, so both appear in hand-written
 * scenarios only. Spawned work never runs by itself here (the model checker owns every thread):
 * it runs when a {@code kworker()} operation runs it, and at the end of the run.
 *
 * <p>{@link #validate()} checks the lifetime properties at the end of each run: the pending work
 * runs, user space exits, the device is removed and both modules are unloaded; whatever the
 * kernel found then (a use-after-free, a leak, a call into an unloaded module...) fails the run
 * with a message naming the catalogued defect ({@link FindingMessage}).
 *
 * <p>Results are checked against {@link DrmContract}, the user-visible contract.
 */
@Param(name = "cmd", gen = IoctlGen.class, conf = "GET_PARAM,DETECT,GETRESOURCES")
public class DrmFacade {
    private static final Catalogue CATALOGUE = Catalogue.of(Subjects.of(List.of(new DrmFamily())));
    /**
     * One user thread owns the fd: its ioctls and its close are never concurrent with each other.
     * A syscall in flight keeps its file after a concurrent close, so its answer can depend on a
     * remove that happened after close returned: correct kernel behaviour that no sequential order
     * of the calls explains.
     */
    static final String FD_OWNER = "fd";

    private final String variant;
    private final Kernel k;
    private final Drm drm;
    private final File fd;
    /** The process's fd table: a call takes its file reference atomically with the lookup (fdget). */
    private final ProcessFd fdTable;

    /** A fresh machine for the variant being checked ({@link LincheckVariant#current()}). */
    public DrmFacade() {
        this(LincheckVariant.current());
    }

    protected DrmFacade(String variant) {
        Invocations.started();
        this.variant = variant;
        this.k = ExternalThreads.lincheck();
        this.drm = new DrmFamily().variant(variant).create().apply(k);
        this.fd = setUp(k, drm, variant);
        this.fdTable = new ProcessFd(fd);
    }

    /** Probes the driver and opens the device node once: the machine every invocation starts from. */
    private static File setUp(Kernel k, Drm drm, String variant) {
        File[] opened = new File[1];
        ExternalThreads.as(k, "setup", () -> {
            if (drm.probe() == 0) {
                OpenResult r = drm.open();
                opened[0] = r.ok() ? r.file() : null;
            }
        });
        if (opened[0] == null) {
            throw new IllegalStateException(variant + ": probe or open failed without any fault armed");
        }
        return opened[0];
    }

    /** ioctl(2) on the open fd (by the thread that owns it). */
    @Operation(nonParallelGroup = FD_OWNER)
    public String ioctl(@Param(name = "cmd") Drm.Ioctl cmd) {
        return word(ExternalThreads.as(k, "user", OOPSED, () -> fdTable.call(() -> (int) drm.ioctl(fd, cmd))));
    }

    /**
     * A kworker of system_unbound_wq picks up the work queued so far (a nonblocking commit's
     * tail); with nothing queued it does nothing.
     */
    @Operation
    public void kworker() {
        ExternalThreads.settle(k);
    }

    /** close(2) of the fd; the file is released now, or by the last syscall still using it. */
    @Operation(runOnce = true, nonParallelGroup = FD_OWNER)
    public void close() {
        ExternalThreads.as(k, "closer", () -> {
            if (fdTable.close()) {
                drm.close(fd);
            }
        });
    }

    /** echo 13050000.lcd-controller > unbind: the driver's remove, then devres; it may wait for readers and work. */
    @Operation(runOnce = true, blocking = true)
    public void remove() {
        ExternalThreads.as(k, "remover", drm::remove);
    }

    /**
     * rmmod of the panel helper module. It may refuse ({@code -EBUSY}) while the device pins it:
     * its answer is not part of the contract, only what happens to the module's code afterwards.
     */
    @Operation(runOnce = true)
    public void rmmodHelper() {
        ExternalThreads.as(k, "unloader", drm::rmmodHelper);
    }

    /**
     * The lifetime properties at the end of a run: pending work runs, the process exits (its fd
     * is closed), the device is removed, the modules are unloaded; then nothing may be leaked and
     * no finding may have been reported at any point of the run.
     */
    @Validate
    public void validate() {
        ExternalThreads.as(k, "exit", () -> {
            ExternalThreads.settle(k);
            fdTable.close(); // the process exits
            drm.quiesce();
            ExternalThreads.settle(k);
            k.checkQuiescence();
        });
        KernelFindings.throwIfAny(k, variant, CATALOGUE);
    }

}
