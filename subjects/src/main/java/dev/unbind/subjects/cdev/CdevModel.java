package dev.unbind.subjects.cdev;

import dev.unbind.fault.EventKind;
import dev.unbind.kernel.IdentitySlots;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.device.Bus;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.device.Driver;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vfs;
import dev.unbind.subject.UserSpace;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * One simulated machine for a cdev variant: the variant's fs/char_dev.c, the daq module bound
 * to {@link Chardev.Board#DAQ0} and {@link Chardev.Board#DAQ2_ALLOCATED}, a built-in copy of the
 * driver bound to {@link Chardev.Board#DAQ1_BUILTIN}, and the ordinary driver.
 *
 * <p>Every call is a user operation ({@code open}, {@code ioctl}, {@code remove}...), and every
 * result is checked against the user-visible contract, the same for every variant: on a device
 * that stayed bound for the whole call the driver's answer (and -ENOMEM where a fault was
 * injected, -ERESTARTSYS for a signalled sleeper); once its removal began, also -ENXIO, -ENODEV
 * or -ENOENT. Anything else is an ERRNO finding.
 */
final class CdevModel implements Chardev {
    /** Creates the variant's driver for one board. */
    @FunctionalInterface
    interface DriverFactory<C extends CharDevCore> {
        DaqDriver create(Kernel k, C core, Module owner, Board board);
    }

    /** A variant: its fs/char_dev.c and the driver written against it. */
    static <C extends CharDevCore> Function<Kernel, Chardev> of(Function<Kernel, C> core, DriverFactory<C> driver) {
        return k -> {
            C c = core.apply(k);
            return new CdevModel(k, c, (kk, owner, board) -> driver.create(kk, c, owner, board));
        };
    }

    private interface BoundFactory {
        DaqDriver create(Kernel k, Module owner, Board board);
    }

    /** A board: its platform device, its driver instance, and whether it is bound for the contract. */
    private static final class Bound {
        final Board board;
        final Device pdev;
        final DaqDriver driver;
        final Driver platformDriver;
        volatile boolean live;
        volatile int epoch;

        Bound(Board board, Device pdev, DaqDriver driver, Driver platformDriver) {
            this.board = board;
            this.pdev = pdev;
            this.driver = driver;
            this.platformDriver = platformDriver;
        }
    }

    /** What the contract needs to know about an open file. */
    private record FileInfo(Bound bound, int epoch, boolean ordinary) {
    }

    /** The state of a board when a call began, and how many rmmods had begun by then. */
    private record Seen(boolean live, int epoch, int rmmods) {
    }

    private final Kernel k;
    private final CharDevCore core;
    private final Module daqModule;
    private final OrdinaryDriver ordinary;
    private final Map<Board, Bound> boards = new EnumMap<>(Board.class);
    private final IdentitySlots<File, FileInfo> files = new IdentitySlots<>();
    private final UserSpace users = new UserSpace();
    /** rmmods of the daq module begun so far: once it is GOING, opens fail before remove runs. */
    private volatile int rmmods;

    private CdevModel(Kernel k, CharDevCore core, BoundFactory drivers) {
        this.k = k;
        this.core = core;
        this.daqModule = Module.load(k, "daq");
        this.ordinary = new OrdinaryDriver(k, core);
        for (Board b : Board.values()) {
            Module owner = b.builtIn ? null : daqModule;
            DaqDriver drv = drivers.create(k, owner, b);
            Device pdev = new Device(k, b.node, k.memory().global("platform_device"), null);
            pdev.initialize(() -> { });
            Bound[] self = new Bound[1];
            Driver pd = new Driver("daq", owner, drv::probeDevice, dev -> {
                self[0].live = false; // from here on the contract allows "the device is gone"
                self[0].epoch++;
                drv.removeDevice(dev);
            });
            self[0] = new Bound(b, pdev, drv, pd);
            boards.put(b, self[0]);
        }
        // module_exit: platform_driver_unregister unbinds the module's devices first
        daqModule.onExit(() -> boards.values().stream().filter(x -> !x.board.builtIn).forEach(x -> Bus.unbind(x.pdev)));
        k.onEvent(EventKind.UNBIND, target -> remove(Board.DAQ0));
        k.onEvent(EventKind.UNLOAD, target -> rmmod());
    }

    @Override
    public Kernel kernel() {
        return k;
    }

    // ------------------------------------------------------------------ system side

    @Override
    public int probe(Board b) {
        Bound x = boards.get(b);
        int rc = k.op("probe", () -> Bus.probe(x.pdev, x.platformDriver));
        if (rc == 0) {
            x.epoch++;
            x.live = true;
        }
        k.expectResult("probe of " + b.node, rc, 0, -Errno.ENOMEM, -Errno.EBUSY);
        return rc;
    }

    @Override
    public void remove(Board b) {
        Bound x = boards.get(b);
        k.op("remove", () -> Bus.unbind(x.pdev));
    }

    @Override
    public int rmmod() {
        rmmods++;
        return k.op("rmmod", daqModule::unload);
    }

    @Override
    public void irq() {
        k.op("irq", () -> boards.get(Board.DAQ0).driver.irq());
    }

    // ------------------------------------------------------------------ opens

    @Override
    public OpenResult open(Board b) {
        return openNode(boards.get(b), 0, "open(/dev/" + b.node + ")");
    }

    @Override
    public OpenResult openExclusive() {
        return openNode(boards.get(Board.DAQ0), 1, "open(/dev/daq0-excl)");
    }

    private OpenResult openNode(Bound x, int sub, String what) {
        Seen s = seen(x);
        OpenResult r = k.call("open", () -> core.openPath(Inode.mkdev(CharDevCore.DAQ_MAJOR, x.board.minorBase + sub)), OpenResult::rc);
        return opened(r, x, s, what);
    }

    @Override
    public OpenResult reopen(File f) {
        FileInfo fi = info(f);
        Seen s = fi.ordinary ? new Seen(true, 0, 0) : seenBy(fi);
        OpenResult r = k.call("open", () -> core.open(f.inode()), OpenResult::rc);
        return opened(r, fi.ordinary ? null : fi.bound, s, "open(/proc/self/fd/N)");
    }

    @Override
    public OpenResult openOrdinary() {
        OpenResult r = k.call("open", () -> core.openPath(OrdinaryDriver.DEVT), OpenResult::rc);
        return opened(r, null, new Seen(true, 0, 0), "open(/dev/ordinary)");
    }

    private OpenResult opened(OpenResult r, Bound x, Seen s, String what) {
        expect(what, r.rc(), x, s, 0, -Errno.ENOMEM);
        if (r.ok()) {
            synchronized (files) {
                files.put(r.file(), new FileInfo(x, s.epoch, x == null));
            }
        }
        return users.opened(r);
    }

    // ------------------------------------------------------------------ file operations

    @Override
    public long ioctl(File f, Ioctl cmd) {
        return fileOp("ioctl(" + cmd + ")", f, expected(cmd), () -> Vfs.ioctl(f, cmd.ordinal(), argOf(cmd)));
    }

    @Override
    public long compatIoctl(File f, Ioctl cmd) {
        return fileOp("compat_ioctl(" + cmd + ")", f, expected(cmd), () -> Vfs.compatIoctl(f, cmd.ordinal(), argOf(cmd)));
    }

    @Override
    public long read(File f) {
        return fileOp("read", f, 1, () -> Vfs.read(f, 1));
    }

    private long fileOp(String what, File f, long expected, java.util.function.LongSupplier call) {
        FileInfo fi = info(f);
        Seen s = fi.ordinary ? new Seen(true, 0, 0) : seenBy(fi);
        long[] rc = new long[1];
        k.op(what.startsWith("compat") ? "compat_ioctl" : what.startsWith("ioctl") ? "ioctl" : "read", () -> {
            rc[0] = call.getAsLong();
            return (int) rc[0];
        });
        expect(what + " on " + (fi.ordinary ? "/dev/ordinary" : "/dev/" + fi.bound.board.node), rc[0],
                fi.ordinary ? null : fi.bound, s, expected);
        return rc[0];
    }

    @Override
    public void close(File f) {
        if (users.closing(f)) {
            k.op("close", () -> Vfs.close(f));
        }
    }

    private static long argOf(Ioctl cmd) {
        return cmd == Ioctl.SET_FLAGS ? FLAG_ENABLE : 0;
    }

    private static long expected(Ioctl cmd) {
        return switch (cmd) {
            case GET_STATUS -> STATUS_READY;
            case WAIT_EVENT -> 0;
            case SET_FLAGS -> 1;
        };
    }

    // ------------------------------------------------------------------ the contract

    private Seen seen(Bound x) {
        return new Seen(x.live, x.epoch, rmmods);
    }

    /** A file's board as the call begins: live only if still bound to the device the file was opened on. */
    private Seen seenBy(FileInfo fi) {
        Bound x = fi.bound;
        return new Seen(x.live && x.epoch == fi.epoch, fi.epoch, rmmods);
    }

    private FileInfo info(File f) {
        synchronized (files) {
            return files.get(f);
        }
    }

    /** Checks a result: {@code ok} values always; "gone" errors unless the device stayed bound throughout. */
    private void expect(String what, long rc, Bound x, Seen s, long... ok) {
        boolean stayedBound = x == null || s.live && x.live && x.epoch == s.epoch
                && (x.board.builtIn || rmmods == s.rmmods && daqModule.state() == Module.State.LIVE);
        LongStream allowed = LongStream.of(ok);
        if (!stayedBound) {
            allowed = LongStream.concat(allowed, LongStream.of(-Errno.ENXIO, -Errno.ENODEV, -Errno.ENOENT));
        }
        if (k.self().signalPending()) {
            allowed = LongStream.concat(allowed, LongStream.of(-Errno.ERESTARTSYS, -Errno.EINTR));
        }
        k.expectResult(what, rc, allowed.toArray());
    }

    // ------------------------------------------------------------------ quiescence

    @Override
    public void quiesce() {
        if (k.hangReported() || k.oopsed()) {
            return; // a task died or hung holding what it held: nothing can be brought to rest
        }
        users.exit(v -> { }, this::close);
        for (Bound x : boards.values()) {
            if (x.pdev.driver() != null) {
                remove(x.board);
            }
        }
        int rc = rmmod();
        if (rc != 0 && rc != -Errno.EBUSY) {
            throw new IllegalStateException("rmmod returned " + rc);
        }
        k.op("rmmod", ordinary.module::unload);
    }
}
