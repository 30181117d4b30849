package dev.unbind.subjects.misc;

import dev.unbind.engine.lincheck.KernelFindings;
import dev.unbind.engine.lincheck.LincheckVariant;
import dev.unbind.engine.lincheck.ProcessFd;
import dev.unbind.engine.lincheck.FindingMessage;
import dev.unbind.engine.lincheck.Invocations;
import dev.unbind.kernel.Actor;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.result.Catalogue;
import dev.unbind.sched.ExternalThreads;
import dev.unbind.subject.Subjects;
import dev.unbind.subjects.misc.MiscChardev.Ec;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;

import java.util.List;
import java.util.function.IntSupplier;

import static dev.unbind.engine.lincheck.Answers.OOPSED;
import static dev.unbind.engine.lincheck.Answers.word;

/**
 * /dev/cros_ec as user space and the system see it, for Lincheck: the constructor builds a fresh
 * machine, binds the EC and opens the node once; every {@code @Operation} is one system call or
 * sysfs action on that machine, run as a named actor, and returns what user space would see
 * ({@code ok}, {@code enodev}, {@code ebadf}...).
 *
 * <p>Constraints are declared, not coded: {@code close}, {@code remove} and {@code kill} happen
 * at most once ({@code runOnce}); the fd's calls and its close come from one thread
 * ({@code nonParallelGroup}); remove may sleep ({@code blocking}). Random scenarios only draw
 * calls that return on their own (the {@code read} parameter below): a read that subscribes to
 * MKBP events sleeps until remove wakes it or the user kills it, so it appears in hand-written
 * scenarios only, followed on the remover's thread by the kill the user sends once remove has
 * returned.
 *
 * <p>{@link #validate()} checks the lifetime properties at the end of each run: the process exits
 * (its fd is closed), the EC is unbound and the module unloaded; whatever the kernel found then
 * or before (a use-after-free, a leak, a fence broken, an errno as a poll mask...) fails the run
 * with a message naming the catalogued defect ({@link FindingMessage}). Results are checked
 * against {@link MiscContract}.
 */
@Param(name = "read", gen = ReadGen.class, conf = "VERSION")
public class MiscFacade {
    private static final Catalogue CATALOGUE = Catalogue.of(Subjects.of(List.of(new MiscFamily())));
    /** One user thread owns the fd: its calls and its close are never concurrent with each other. */
    static final String FD_OWNER = "fd";

    /** What a read asks for (an operation's parameter by name: Lincheck draws enum parameters itself). */
    public enum Read {
        /** The legacy read: the EC's version string, a command on the bus. */
        VERSION,
        /** Subscribe to MKBP events (CROS_EC_DEV_IOCEVENTMASK), then read the next one: sleeps. */
        EVENT
    }

    private final String variant;
    private final Kernel k;
    private final MiscChardev m;
    private final File fd;
    /** The process's fd table: a call takes its file reference atomically with the lookup (fdget). */
    private final ProcessFd fdTable;
    /** The user killed the reader before its call started (guarded by the fd table's monitor). */
    private boolean killedBeforeRead;

    /** A fresh machine for the variant being checked ({@link LincheckVariant#current()}). */
    public MiscFacade() {
        this(LincheckVariant.current());
    }

    protected MiscFacade(String variant) {
        Invocations.started();
        this.variant = variant;
        this.k = ExternalThreads.lincheck();
        this.m = new MiscFamily().variant(variant).create().apply(k);
        this.fd = setUp(k, m, variant);
        this.fdTable = new ProcessFd(fd);
    }

    /** Binds the EC and opens /dev/cros_ec once: the machine every invocation starts from. */
    private static File setUp(Kernel k, MiscChardev m, String variant) {
        File[] opened = new File[1];
        ExternalThreads.as(k, "setup", () -> {
            if (m.probe(Ec.EC) == 0) {
                OpenResult r = m.open(Ec.EC);
                opened[0] = r.ok() ? r.file() : null;
            }
        });
        if (opened[0] == null) {
            throw new IllegalStateException(variant + ": probe or open failed without any fault armed");
        }
        return opened[0];
    }

    /** ioctl(CROS_EC_DEV_IOCXCMD) on the open fd: a command to the EC, which sleeps on its bus. */
    @Operation(nonParallelGroup = FD_OWNER)
    public String ioctl() {
        return onFd("user", () -> (int) m.ioctl(fd, MiscChardev.Cmd.XCMD));
    }

    /** The same ioctl from a 32-bit process. */
    @Operation(nonParallelGroup = FD_OWNER)
    public String compatIoctl() {
        return onFd("user", () -> (int) m.compatIoctl(fd, MiscChardev.Cmd.XCMD));
    }

    /** read(2) on the open fd ({@link Read} by name); an EVENT read subscribes first and then sleeps for an event. */
    @Operation(nonParallelGroup = FD_OWNER)
    public String read(@Param(name = "read") String what) {
        return onFd("reader", () -> {
            if (Read.valueOf(what) == Read.VERSION) {
                return (int) m.read(fd);
            }
            synchronized (fdTable) {
                if (killedBeforeRead) {
                    k.self().signal(true); // the kill came before this call did
                }
            }
            long rc = m.ioctl(fd, MiscChardev.Cmd.EVENTMASK);
            return rc != 0 ? (int) rc : (int) m.read(fd);
        });
    }

    /** poll(2) on the open fd: a mask, whatever the device's state (an errno here is a finding). */
    @Operation(nonParallelGroup = FD_OWNER)
    public String poll() {
        return onFd("user", () -> {
            m.poll(fd); // the model checks that the result is a mask
            return 0;
        });
    }

    /** close(2) of the fd; the file is released now, or by the last syscall still using it. */
    @Operation(runOnce = true, nonParallelGroup = FD_OWNER)
    public void close() {
        ExternalThreads.as(k, "closer", () -> {
            if (fdTable.close()) {
                m.close(fd);
            }
        });
    }

    /** Unbind the EC: the chardev's remove, then devres, then the EC's own teardown. */
    @Operation(runOnce = true, blocking = true)
    public void remove() {
        ExternalThreads.as(k, "remover", () -> m.remove(Ec.EC));
    }

    /** The user kills the process reading the fd (a kill before its read starts is delivered then). */
    @Operation(runOnce = true)
    public void kill() {
        ExternalThreads.as(k, "killer", () -> {
            synchronized (fdTable) {
                Actor reader = k.actorNamed("reader");
                if (reader != null) {
                    reader.signal(true);
                } else {
                    killedBeforeRead = true;
                }
            }
        });
    }

    /**
     * The lifetime properties at the end of a run: the process exits (its fd is closed), the EC
     * is unbound, the module unloaded; then nothing may be leaked and no finding may have been
     * reported at any point of the run.
     */
    @Validate
    public void validate() {
        ExternalThreads.as(k, "exit", () -> {
            fdTable.close(); // the process exits
            m.quiesce();
            k.checkQuiescence();
        });
        KernelFindings.throwIfAny(k, variant, CATALOGUE);
    }

    /** A call on the fd by {@code actor}: ebadf once closed, else the call with a file reference held. */
    private String onFd(String actor, IntSupplier call) {
        return word(ExternalThreads.as(k, actor, OOPSED, () -> fdTable.call(call)));
    }

}
