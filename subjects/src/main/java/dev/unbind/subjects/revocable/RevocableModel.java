package dev.unbind.subjects.revocable;

import dev.unbind.fault.EventKind;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.device.Bus;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.CdevMap;
import dev.unbind.kernel.fs.DevFs;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vfs;
import dev.unbind.kernel.fs.Vma;
import dev.unbind.subject.UserSpace;

/**
 * One simulated machine for a revocable variant: the variant's revocable core and misc core,
 * the EC with its cros-ec-chardev child, the suppliers X and Y and driver Z, the two driver
 * modules, and the system calls, sysfs actions and hardware events a scenario uses. Every method
 * is recorded as a user operation so race windows know what is in flight.
 */
final class RevocableModel implements Revocable {
    /** What the variant's drivers are built on. */
    record World(Kernel k, CdevMap map, DevFs devfs, Module chardevModule, Module zzzModule, TwoProviderConsumer.Supplier x,
                 TwoProviderConsumer.Supplier y) {
    }

    /** The variant's misc core and drivers. */
    record Drivers(RevocableMisc misc, CrosEcChardev chardev, TwoProviderConsumer.Consumer zzz) {
    }

    /** Builds a variant's drivers on a world. */
    @FunctionalInterface
    interface Assembly {
        Drivers build(World w);
    }

    private final Kernel k;
    private final Module chardevModule;
    private final Module zzzModule;
    private final RevocableMisc misc;
    private final CrosEcChardev chardev;
    private final TwoProviderConsumer.Consumer zzz;
    private final CrosEc ec;
    private final TwoProviderConsumer.Supplier x;
    private final TwoProviderConsumer.Supplier y;
    private final Device zdev;
    private final UserSpace users = new UserSpace();

    RevocableModel(Kernel k, RevocableCore core, Assembly assembly) {
        this.k = k;
        CdevMap map = new CdevMap(k);
        DevFs devfs = new DevFs();
        this.chardevModule = Module.load(k, "cros_ec_chardev");
        this.zzzModule = Module.load(k, "zzz");
        this.x = new TwoProviderConsumer.Supplier(k, core, "zzz-supplier-x", "zzz_res1");
        this.y = new TwoProviderConsumer.Supplier(k, core, "zzz-supplier-y", "zzz_res2");
        Drivers d = assembly.build(new World(k, map, devfs, chardevModule, zzzModule, x, y));
        this.misc = d.misc();
        this.chardev = d.chardev();
        this.zzz = d.zzz();
        this.ec = new CrosEc(k, core, chardev);
        chardev.parent(ec);
        this.zdev = new Device(k, "zzz", k.memory().global("platform_device"), null);
        zdev.initialize(() -> { });
        chardevModule.onExit(() -> { // platform_driver_unregister
            chardev.unregistered();
            Device c = ec.child();
            if (c != null) {
                Bus.unbind(c);
            }
        });
        zzzModule.onExit(() -> Bus.unbind(zdev));
        k.onEvent(EventKind.UNBIND, target -> remove());
        k.onEvent(EventKind.UNLOAD, target -> rmmodChardev());
    }

    @Override
    public Kernel kernel() {
        return k;
    }

    @Override
    public int probe() {
        return k.op("probe", () -> Bus.probe(ec.pdev, ec.driver));
    }

    @Override
    public int probeZzz() {
        return k.op("probe", () -> {
            int rc = Bus.probe(x.dev, x.driver);
            if (rc == 0) {
                rc = Bus.probe(y.dev, y.driver);
            }
            return rc == 0 ? Bus.probe(zdev, zzz.driver) : rc;
        });
    }

    @Override
    public OpenResult open(Node n) {
        int minor = n == Node.CROS_EC ? chardev.minor : zzz.minor;
        OpenResult r = k.call("open", () -> minor < 0 ? OpenResult.error(-Errno.ENOENT) : misc.openMinor(minor), OpenResult::rc);
        return users.opened(r);
    }

    @Override
    public OpenResult reopen(File f) {
        OpenResult r = k.call("open", () -> Vfs.open(k, f.inode(), misc.map()), OpenResult::rc);
        return users.opened(r);
    }

    @Override
    public long read(File f) {
        return k.op("read", () -> (int) Vfs.read(f, 1));
    }

    @Override
    public long write(File f) {
        return k.op("write", () -> (int) Vfs.write(f, 1));
    }

    @Override
    public int poll(File f) {
        return k.op("poll", () -> {
            int mask = Vfs.poll(f);
            k.expectPollMask("poll", mask);
            return mask;
        });
    }

    @Override
    public long ioctl(File f, Cmd cmd) {
        return k.op("ioctl", () -> (int) Vfs.ioctl(f, cmd.ordinal(), 1));
    }

    @Override
    public long compatIoctl(File f, Cmd cmd) {
        return k.op("compat_ioctl", () -> (int) Vfs.compatIoctl(f, cmd.ordinal(), 1));
    }

    @Override
    public Vma mmap(File f) {
        Vfs.Mapped m = k.call("mmap", () -> Vfs.mmap(f), Vfs.Mapped::rc);
        return users.mapped(m.vma());
    }

    @Override
    public int touch(Vma v) {
        return k.op("touch", () -> Vfs.access(v, 0));
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
    public void ecEvent() {
        k.op("event", ec::irqThread);
    }

    @Override
    public void remove() {
        k.op("remove", () -> Bus.unbind(ec.pdev));
    }

    @Override
    public void unbindChardev() {
        k.op("unbind", () -> {
            Device c = ec.child();
            if (c != null) {
                Bus.unbind(c);
            }
        });
    }

    @Override
    public void unbindSupplier() {
        k.op("unbind", () -> Bus.unbind(x.dev));
    }

    @Override
    public int rmmodChardev() {
        return k.op("rmmod", chardevModule::unload);
    }

    @Override
    public void quiesce() {
        if (k.hangReported() || k.oopsed()) {
            return; // a task died or hung holding what it held (a probe half done): nothing can be brought to rest
        }
        users.exit(this::munmap, this::close);
        for (Device d : new Device[] {zdev, x.dev, y.dev}) {
            if (d.driver() != null) {
                k.op("unbind", () -> Bus.unbind(d));
            }
        }
        if (ec.pdev.driver() != null) {
            remove();
        }
        for (Module m : new Module[] {zzzModule, chardevModule}) {
            int rc = k.op("rmmod", m::unload);
            if (rc != 0 && rc != -Errno.EBUSY) {
                throw new IllegalStateException("rmmod " + m.name() + " returned " + rc);
            }
        }
    }
}
