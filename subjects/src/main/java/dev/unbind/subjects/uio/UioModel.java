package dev.unbind.subjects.uio;

import dev.unbind.fault.EventKind;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.device.Bus;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vfs;
import dev.unbind.kernel.fs.Vma;
import dev.unbind.subject.ErrnoRule;
import dev.unbind.subject.UserSpace;

import java.util.List;
import java.util.function.Function;

/**
 * One simulated machine for a uio variant: uio built in, the tcmu module with one configfs
 * backstore, the platform driver module with one platform device, and the calls a scenario uses.
 * Every call is a user operation; a file operation that starts after its device's
 * uio_unregister_device returned is checked against INV-U2's contract.
 */
final class UioModel implements Uio {
    /** What a file of an unregistered uio device answers (uio.c after uio_unregister_device); the family prints it. */
    static final ErrnoRule READ_AFTER_UNREGISTER = ErrnoRule.of("read after uio_unregister_device", -Errno.EIO);
    static final ErrnoRule WRITE_AFTER_UNREGISTER = ErrnoRule.of("write after uio_unregister_device", -Errno.EINVAL);
    static final ErrnoRule POLL_AFTER_UNREGISTER = ErrnoRule.of("poll after uio_unregister_device", Errno.EPOLLERR);
    static final ErrnoRule MMAP_AFTER_UNREGISTER = ErrnoRule.of("mmap after uio_unregister_device", -Errno.EINVAL);
    static final ErrnoRule FAULT_AFTER_UNREGISTER = ErrnoRule.of("fault on a LOGICAL map after uio_unregister_device",
            Vma.VM_FAULT_SIGBUS);
    static final List<ErrnoRule> CONTRACT = List.of(READ_AFTER_UNREGISTER, WRITE_AFTER_UNREGISTER, POLL_AFTER_UNREGISTER,
            MMAP_AFTER_UNREGISTER, FAULT_AFTER_UNREGISTER);

    /** Makes the variant's tcmu. */
    @FunctionalInterface
    interface TcmuFactory {
        TcmuDriver create(Kernel k, UioCore uio, Module owner);
    }

    /** Makes the variant's platform driver. */
    @FunctionalInterface
    interface PlatformFactory {
        PlatformUio create(Kernel k, UioCore uio, Module owner);
    }

    private final Kernel k;
    private final UioCore uio;
    private final Module tcmuModule;
    private final Module platformModule;
    private final TcmuDriver tcmu;
    private final PlatformUio platform;
    private final UserSpace users = new UserSpace();
    /** The configfs backstore, if one exists. */
    private volatile TcmuDev backstore;
    /** The last one created, for user space to find its node. */
    private volatile TcmuDev lastBackstore;

    UioModel(Kernel k, Function<Kernel, UioCore> core, TcmuFactory tcmu, PlatformFactory platform) {
        this.k = k;
        this.uio = core.apply(k);
        this.tcmuModule = Module.load(k, "target_core_user");
        this.platformModule = Module.load(k, "uio_plat");
        this.tcmu = tcmu.create(k, uio, tcmuModule);
        this.platform = platform.create(k, uio, platformModule);
        // module_exit of the platform driver: platform_driver_unregister unbinds the device first
        platformModule.onExit(() -> Bus.unbind(this.platform.pdev));
        k.onEvent(EventKind.UNBIND, target -> remove());
        k.onEvent(EventKind.UNLOAD, target -> rmmod("uio_plat".equals(target) ? Dev.PLATFORM : Dev.TCMU));
    }

    @Override
    public Kernel kernel() {
        return k;
    }

    // ------------------------------------------------------------------ admin

    @Override
    public int createTcmu() {
        return k.op("create", () -> {
            if (backstore != null) {
                return -Errno.EBUSY;
            }
            if (!tcmuModule.tryGet()) { // the HBA pins the backend module while it has devices
                return -Errno.ENODEV;
            }
            TcmuDev udev = tcmu.allocDevice();
            if (udev == null) {
                tcmuModule.put();
                return -Errno.ENOMEM;
            }
            backstore = udev;
            lastBackstore = udev;
            return tcmu.configure(udev);
        });
    }

    @Override
    public void deleteTcmu() {
        TcmuDev udev = backstore;
        if (udev == null) {
            return;
        }
        k.op("delete", () -> {
            backstore = null;
            if (udev.configured()) {
                tcmu.destroy(udev);
            }
            tcmu.free(udev);
            tcmuModule.put();
        });
    }

    @Override
    public int probe() {
        return k.op("probe", () -> Bus.probe(platform.pdev, platform.driver));
    }

    @Override
    public void remove() {
        k.op("remove", () -> Bus.unbind(platform.pdev));
    }

    // ------------------------------------------------------------------ user space

    @Override
    public OpenResult open(Dev dev) {
        UioInfo info = dev == Dev.TCMU ? (lastBackstore == null ? null : lastBackstore.info) : platform.last;
        int minor = info == null ? 0 : info.lastMinor;
        OpenResult r = k.call("open", () -> Vfs.openPath(k, uio.devfs, uio.map, Inode.mkdev(UioCore.UIO_MAJOR, minor)), OpenResult::rc);
        return users.opened(r);
    }

    @Override
    public OpenResult reopen(File f) {
        OpenResult r = k.call("open", () -> Vfs.open(k, f.inode(), uio.map), OpenResult::rc);
        return users.opened(r);
    }

    @Override
    public long read(File f) {
        boolean gone = unregistered(f);
        long rc = k.op("read", () -> (int) Vfs.read(f, UioFops.EVENT_SIZE));
        if (gone) {
            READ_AFTER_UNREGISTER.check(k, rc);
        }
        return rc;
    }

    @Override
    public long write(File f) {
        boolean gone = unregistered(f);
        long rc = k.op("write", () -> (int) Vfs.write(f, UioFops.EVENT_SIZE));
        if (gone) {
            WRITE_AFTER_UNREGISTER.check(k, rc);
        }
        return rc;
    }

    @Override
    public int poll(File f) {
        boolean gone = unregistered(f);
        int mask = k.op("poll", () -> Vfs.poll(f));
        k.expectPollMask("poll", mask);
        if (gone) {
            POLL_AFTER_UNREGISTER.check(k, mask);
        }
        return mask;
    }

    @Override
    public Vma mmap(File f, int map) {
        boolean gone = unregistered(f);
        Vfs.Mapped m = k.call("mmap", () -> Vfs.mmap(f, map), Vfs.Mapped::rc);
        if (gone) {
            MMAP_AFTER_UNREGISTER.check(k, m.rc());
        }
        return users.mapped(m.vma());
    }

    @Override
    public int touch(Vma v) {
        boolean gone = unregistered(v.file());
        int rc = k.op("touch", () -> Vfs.access(v, 0));
        if (gone && v.vmOps() == uio.logicalVmOps) {
            FAULT_AFTER_UNREGISTER.check(k, rc);
        }
        return rc;
    }

    @Override
    public Vma fork(Vma v) {
        return users.mapped(k.call("fork", () -> Vfs.fork(v), copy -> 0));
    }

    @Override
    public void munmap(Vma v) {
        if (users.unmapping(v)) {
            k.op("munmap", () -> Vfs.munmap(v));
        }
    }

    @Override
    public void close(File f) {
        if (users.closing(f)) {
            k.op("close", () -> Vfs.close(f));
        }
    }

    @Override
    public void interrupt() {
        k.op("interrupt", platform.irq::raise);
    }

    @Override
    public int rmmod(Dev dev) {
        Module m = dev == Dev.TCMU ? tcmuModule : platformModule;
        return k.op("rmmod", m::unload);
    }

    @Override
    public void quiesce() {
        if (k.hangReported() || k.oopsed()) {
            return; // a task died or hung holding what it held (a probe half done): nothing can be brought to rest
        }
        users.exit(this::munmap, this::close);
        deleteTcmu();
        if (platform.pdev.driver() != null) {
            remove();
        }
        for (Dev d : Dev.values()) {
            int rc = rmmod(d);
            if (rc != 0 && rc != -Errno.EBUSY) {
                throw new IllegalStateException("rmmod returned " + rc);
            }
        }
    }

    /** Model-side: the file's device had been unregistered when the call began. */
    private static boolean unregistered(File f) {
        Object p = f.privateData();
        return p instanceof Listener l && l.peekDev().unregistered();
    }
}
