package dev.unbind.subjects.revocable;

import dev.unbind.engine.lincheck.KernelFindings;
import dev.unbind.engine.lincheck.LincheckVariant;
import dev.unbind.engine.lincheck.FindingMessage;
import dev.unbind.engine.lincheck.Invocations;
import dev.unbind.kernel.Errno;
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

import static dev.unbind.engine.lincheck.Answers.OOPS;
import static dev.unbind.engine.lincheck.Answers.OOPSED;
import static dev.unbind.engine.lincheck.Answers.word;
import static dev.unbind.engine.lincheck.Answers.wordOrGone;

/**
 * /dev/cros_ec as user space and the system see it, for Lincheck: the constructor builds a fresh
 * machine, probes the EC (which binds its cros-ec-chardev) and opens the node once; every
 * {@code @Operation} is one system call, sysfs action or hardware event, run as a named actor,
 * and returns what user space would see ({@code ok}, {@code enodev}, {@code hup}...).
 *
 * <p>Several threads of the process use the one fd at once (the family's shared-slot and
 * shared-index races need it), so there is no close operation: the fd is closed when the process
 * exits, in {@link #validate()}.
 * remove happens at most once and may sleep ({@code runOnce}, {@code blocking}). A read that waits
 * for an MKBP event only returns when remove wakes it, so it is an operation of
 * {@link WithSleepingReader} only, whose checks always remove.
 *
 * <p>{@link #validate()} checks the lifetime properties at the end of each run: the process exits,
 * the devices are unbound, the modules unloaded; whatever the kernel found then (a use-after-free,
 * a leak, a hang...) fails the run with a message naming the catalogued defect
 * ({@link FindingMessage}). Results are checked against {@link RevocableContract}.
 */
@Param(name = "cmd", gen = CmdGen.class, conf = "XCMD,RDMEM")
public class RevocableFacade {
    private static final Catalogue CATALOGUE = Catalogue.of(Subjects.of(List.of(new RevocableFamily())));
    /** poll: no event, an event to read, a hang-up or error, an errno where a mask belongs. */
    static final String NONE = "none";
    static final String READY = "ready";
    static final String HUP = "hup";
    static final String ERRNO_AS_MASK = "errno-as-mask";

    private final String variant;
    private final Kernel k;
    private final Revocable m;
    private final File fd;

    /** A fresh machine for the variant being checked ({@link LincheckVariant#current()}). */
    public RevocableFacade() {
        this(LincheckVariant.current());
    }

    protected RevocableFacade(String variant) {
        Invocations.started();
        this.variant = variant;
        this.k = ExternalThreads.lincheck();
        this.m = new RevocableFamily().variant(variant).create().apply(k);
        this.fd = setUp(k, m, variant);
    }

    /** Probes the EC and opens /dev/cros_ec once: the machine every invocation starts from. */
    private static File setUp(Kernel k, Revocable m, String variant) {
        File[] opened = new File[1];
        ExternalThreads.as(k, "setup", () -> {
            if (m.probe() == 0) {
                OpenResult r = m.open(Revocable.Node.CROS_EC);
                opened[0] = r.ok() ? r.file() : null;
            }
        });
        if (opened[0] == null) {
            throw new IllegalStateException(variant + ": probe or open failed without any fault armed");
        }
        return opened[0];
    }

    /** ioctl(2) on the open fd, from any thread of the process. */
    @Operation
    public String ioctl(@Param(name = "cmd") Revocable.Cmd cmd) {
        return word(ExternalThreads.as(k, "user", OOPSED, () -> (int) m.ioctl(fd, cmd)));
    }

    /** The same ioctl from a 32-bit process: the compat_ioctl entry. */
    @Operation
    public String compatIoctl(@Param(name = "cmd") Revocable.Cmd cmd) {
        return word(ExternalThreads.as(k, "user32", OOPSED, () -> (int) m.compatIoctl(fd, cmd)));
    }

    /** poll(2) on the open fd. */
    @Operation
    public String poll() {
        int mask = ExternalThreads.as(k, "poller", OOPSED, () -> m.poll(fd));
        if (mask == OOPSED) {
            return OOPS;
        }
        if (mask < 0) {
            return ERRNO_AS_MASK;
        }
        if ((mask & (Errno.EPOLLHUP | Errno.EPOLLERR)) != 0) {
            return HUP;
        }
        return (mask & Errno.EPOLLIN) != 0 ? READY : NONE;
    }

    /** Another process opens /dev/cros_ec (the fd stays open until the process exits). */
    @Operation
    public String open() {
        int rc = ExternalThreads.as(k, "opener", OOPSED, () -> m.open(Revocable.Node.CROS_EC).rc());
        return wordOrGone(rc);
    }

    /** The EC raises an MKBP event: its IRQ thread calls the event notifiers. */
    @Operation
    public void ecEvent() {
        ExternalThreads.as(k, "ec", m::ecEvent);
    }

    /** The EC is unbound: its chardev first, then its devres revokes and frees the cros_ec_device. */
    @Operation(runOnce = true, blocking = true)
    public void remove() {
        ExternalThreads.as(k, "remover", m::remove);
    }

    /** A read that asks for MKBP events and sleeps for one (for {@link WithSleepingReader}). */
    String readEventOnce() {
        return word(ExternalThreads.as(k, "reader", OOPSED, () -> {
            m.ioctl(fd, Revocable.Cmd.EVENTMASK);
            return (int) m.read(fd);
        }));
    }

    /**
     * The lifetime properties at the end of a run: the process exits (its fds are closed), every
     * device is unbound and the modules unloaded; then nothing may be leaked and no finding may
     * have been reported at any point of the run.
     */
    @Validate
    public void validate() {
        ExternalThreads.as(k, "exit", () -> {
            ExternalThreads.settle(k);
            m.quiesce();
            ExternalThreads.settle(k);
            k.checkQuiescence();
        });
        KernelFindings.throwIfAny(k, variant, CATALOGUE);
    }

    /**
     * The facade with a read that sleeps for an MKBP event: only the pinned scenario that also
     * removes uses it (nothing else ever wakes the reader, so random scenarios must not draw it).
     */
    public static class WithSleepingReader extends RevocableFacade {
        public WithSleepingReader() {
            super(LincheckVariant.current());
        }

        /** ioctl(EVENTMASK), then read(2): sleeps until an event, or until remove wakes it. */
        @Operation(blocking = true)
        public String readEvent() {
            return readEventOnce();
        }
    }
}
