package dev.unbind.subjects.media;

import dev.unbind.engine.lincheck.Invocations;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.engine.lincheck.KernelFindings;
import dev.unbind.engine.lincheck.LincheckVariant;
import dev.unbind.engine.lincheck.ProcessFd;
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
 * A camera ISP's media device as user space and the system see it, for Lincheck: the constructor
 * builds a fresh machine, probes the ISP driver and opens {@code /dev/media0} once (as the family's
 * remove races start); every {@code @Operation} is one system call, sysfs or module action or
 * hardware event on that machine, run as a named actor, and returns what user space would see
 * ({@code ok}, {@code eio}...).
 *
 * <p>Constraints are declared, not coded: {@code close}, {@code remove} and {@code rmmod} happen
 * at most once ({@code runOnce}); the fd's ioctls and its close come from one thread
 * ({@code nonParallelGroup}, see {@link #FD_OWNER}); remove may sleep ({@code blocking}). Every
 * MEDIA_IOC ioctl returns on its own, so random scenarios draw all of them.
 *
 * <p>{@link #validate()} checks the lifetime properties at the end of each run: user space exits
 * (its fd is closed), the device is removed and both modules are unloaded; whatever the kernel
 * found then (a use-after-free, a NULL dereference, a driver callback after remove, a leak...)
 * fails the run with a message naming the catalogued defect ({@link KernelFindings}).
 *
 * <p>Results are checked against {@link MediaContract}, the user-visible contract.
 */
@Param(name = "cmd", gen = MediaIoctlGen.class, conf = "DEVICE_INFO,G_TOPOLOGY,SETUP_LINK")
public class MediaFacade {
    private static final Catalogue CATALOGUE = Catalogue.of(Subjects.of(List.of(new MediaFamily())));
    /**
     * One user thread owns the fd: its ioctls and its close are never concurrent with each other.
     * A syscall in flight keeps its file after a concurrent close, so its answer can depend on a
     * remove that happened after close returned: correct kernel behaviour that no sequential order
     * of the calls explains.
     */
    static final String FD_OWNER = "fd";

    private final String variant;
    private final Kernel k;
    private final Media media;
    private final File fd;
    /** The process's fd table: a call takes its file reference atomically with the lookup (fdget). */
    private final ProcessFd fdTable;

    /** A fresh machine for the variant being checked ({@link LincheckVariant#current()}). */
    public MediaFacade() {
        this(LincheckVariant.current());
    }

    protected MediaFacade(String variant) {
        Invocations.started();
        this.variant = variant;
        this.k = ExternalThreads.lincheck();
        this.media = new MediaFamily().variant(variant).create().apply(k);
        this.fd = setUp(k, media, variant);
        this.fdTable = new ProcessFd(fd);
    }

    /** Probes the driver and opens /dev/media0 once: the machine every invocation starts from. */
    private static File setUp(Kernel k, Media media, String variant) {
        File[] opened = new File[1];
        ExternalThreads.as(k, "setup", () -> {
            if (media.probe() == 0) {
                OpenResult r = media.open();
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
    public String ioctl(@Param(name = "cmd") Media.Ioctl cmd) {
        return word(ExternalThreads.as(k, "user", OOPSED, () -> fdTable.call(() -> (int) media.ioctl(fd, cmd))));
    }

    /** close(2) of the fd; the file is released now, or by the last syscall still using it. */
    @Operation(runOnce = true, nonParallelGroup = FD_OWNER)
    public void close() {
        ExternalThreads.as(k, "closer", () -> {
            if (fdTable.close()) {
                media.close(fd);
            }
        });
    }

    /** echo 480bc000.isp > unbind: the driver's remove, then devres; it may wait for calls in flight. */
    @Operation(runOnce = true, blocking = true)
    public void remove() {
        ExternalThreads.as(k, "remover", media::remove);
    }

    /** The ISP raises its interrupt: the handler runs if it is still requested. */
    @Operation
    public void interrupt() {
        ExternalThreads.as(k, "irq", media::interrupt);
    }

    /**
     * rmmod of the ISP driver, then of mc if that worked. Refused while a file pins the driver;
     * its answer is not part of the contract, only what happens to the modules' code afterwards.
     */
    @Operation(runOnce = true)
    public void rmmod() {
        ExternalThreads.as(k, "unloader", () -> {
            if (media.rmmodDriver() == 0) {
                media.rmmodMc();
            }
        });
    }

    /**
     * The lifetime properties at the end of a run: the process exits (its fd is closed), the
     * device is removed, the modules are unloaded; then nothing may be leaked and no finding may
     * have been reported at any point of the run. After an oops the machine cannot be brought to
     * rest (the dead task keeps what it held), so it is left as it is: the oops is the finding.
     */
    @Validate
    public void validate() {
        ExternalThreads.as(k, "exit", () -> {
            ExternalThreads.settle(k);
            fdTable.close(); // the process exits
            if (!k.oopsed()) {
                media.quiesce();
                ExternalThreads.settle(k);
            }
            k.checkQuiescence();
        });
        KernelFindings.throwIfAny(k, variant, CATALOGUE);
    }

}
