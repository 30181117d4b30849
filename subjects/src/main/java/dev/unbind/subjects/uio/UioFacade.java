package dev.unbind.subjects.uio;

import dev.unbind.engine.lincheck.KernelFindings;
import dev.unbind.engine.lincheck.LincheckVariant;
import dev.unbind.engine.lincheck.FindingMessage;
import dev.unbind.engine.lincheck.Invocations;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vma;
import dev.unbind.result.Catalogue;
import dev.unbind.sched.ExternalThreads;
import dev.unbind.subject.Subjects;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;

import java.util.List;

import static dev.unbind.engine.lincheck.Answers.EBADF;
import static dev.unbind.engine.lincheck.Answers.OOPS;
import static dev.unbind.engine.lincheck.Answers.OOPSED;

/**
 * A uio machine as user space and the admin see it, for Lincheck: the constructor builds a fresh
 * machine, creates a tcmu backstore, opens {@code /dev/uio0} and maps its ring (tcmu-runner), and
 * binds the platform device; every {@code @Operation} is one system call or admin action, run as
 * a named actor, returning what user space would see.
 *
 * <p>Constraints are declared, not coded: the daemon's fd operations and its exit come from one
 * thread ({@code nonParallelGroup}, {@link #FD_OWNER}); exit, delete and remove happen at most
 * once ({@code runOnce}); delete and remove may sleep ({@code blocking}). Random scenarios draw
 * only the fd operations that return on their own ({@code op} below): a READ sleeps until the
 * delete wakes it, so it appears in hand-written scenarios only.
 *
 * <p>{@link #validate()} checks the lifetime properties at the end of each run: the daemon exits,
 * the backstore is deleted, the platform device unbound, both modules unloaded; whatever the
 * kernel found (a leak, a fence broken by late_release, a use-after-free...) fails the run with a
 * message naming the catalogued defect ({@link FindingMessage}).
 *
 * <p>Results are checked against {@link UioContract}, the user-visible contract.
 */
@Param(name = "op", gen = FdOpGen.class, conf = "WRITE,POLL,TOUCH")
public class UioFacade {
    private static final Catalogue CATALOGUE = Catalogue.of(Subjects.of(List.of(new UioFamily())));
    static final String POLLERR = "pollerr";
    static final String NO_EVENT = "none";
    /** One daemon thread owns the fd and the mapping: its calls and its exit are never concurrent. */
    static final String FD_OWNER = "fd";
    private static final int RING = 0;

    private final String variant;
    private final Kernel k;
    private final Uio uio;
    private final File fd;
    private final Vma ring;
    private boolean exited;

    /** A fresh machine for the variant being checked ({@link LincheckVariant#current()}). */
    public UioFacade() {
        this(LincheckVariant.current());
    }

    protected UioFacade(String variant) {
        Invocations.started();
        this.variant = variant;
        this.k = ExternalThreads.lincheck();
        this.uio = new UioFamily().variant(variant).create().apply(k);
        Object[] set = setUp(k, uio, variant);
        this.fd = (File) set[0];
        this.ring = (Vma) set[1];
    }

    /** The backstore created, its node open and its ring mapped; the platform device bound. */
    private static Object[] setUp(Kernel k, Uio uio, String variant) {
        Object[] out = new Object[2];
        ExternalThreads.as(k, "setup", () -> {
            if (uio.createTcmu() == 0 && uio.probe() == 0) {
                OpenResult r = uio.open(Uio.Dev.TCMU);
                if (r.ok()) {
                    out[0] = r.file();
                    out[1] = uio.mmap(r.file(), RING);
                }
            }
        });
        if (out[0] == null || out[1] == null) {
            throw new IllegalStateException(variant + ": create, probe, open or mmap failed without any fault armed");
        }
        return out;
    }

    /** tcmu-runner uses its fd or its mapping. */
    @Operation(nonParallelGroup = FD_OWNER)
    public String daemon(@Param(name = "op") FdOp op) {
        if (exited) {
            return EBADF;
        }
        int rc = ExternalThreads.as(k, "daemon", OOPSED, () -> switch (op) {
            case WRITE -> (int) uio.write(fd);
            case POLL -> uio.poll(fd);
            case TOUCH -> uio.touch(ring);
            case READ -> (int) uio.read(fd);
        });
        if (rc == OOPSED) {
            return OOPS;
        }
        return switch (op) {
            case POLL -> rc == Errno.EPOLLERR ? POLLERR : rc == 0 ? NO_EVENT : "event";
            case TOUCH -> rc == 0 ? "ok" : "sigbus";
            case READ -> rc > 0 ? "event" : Errno.word(rc);
            default -> Errno.word(rc);
        };
    }

    /** tcmu-runner exits: munmap of the ring, close of the fd. */
    @Operation(runOnce = true, nonParallelGroup = FD_OWNER)
    public void exit() {
        if (exited) {
            return;
        }
        exited = true;
        ExternalThreads.as(k, "exiter", () -> {
            uio.munmap(ring);
            uio.close(fd);
        });
    }

    /** rmdir of the backstore: tcmu_destroy_device, then tcmu_free_device. */
    @Operation(runOnce = true, blocking = true)
    public void delete() {
        ExternalThreads.as(k, "admin", uio::deleteTcmu);
    }

    /** The platform device raises its interrupt line. */
    @Operation
    public void interrupt() {
        ExternalThreads.as(k, "device", uio::interrupt);
    }

    /** echo uio_plat.0 > unbind: remove, then devres (which waits for a running interrupt handler). */
    @Operation(runOnce = true, blocking = true)
    public void remove() {
        ExternalThreads.as(k, "remover", uio::remove);
    }

    /**
     * The lifetime properties at the end of a run: the daemon exits, the backstore is deleted, the
     * platform device unbound, the modules unloaded; then nothing may be leaked and no finding may
     * have been reported at any point of the run.
     */
    @Validate
    public void validate() {
        ExternalThreads.as(k, "exit", () -> {
            ExternalThreads.settle(k);
            exited = true;
            uio.quiesce();
            ExternalThreads.settle(k);
            k.checkQuiescence();
        });
        KernelFindings.throwIfAny(k, variant, CATALOGUE);
    }

}
