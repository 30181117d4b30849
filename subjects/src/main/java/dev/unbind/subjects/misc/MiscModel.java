package dev.unbind.subjects.misc;

import dev.unbind.kernel.IdentitySlots;
import dev.unbind.fault.EventKind;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Bus;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.device.Driver;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vfs;
import dev.unbind.subject.UserSpace;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One simulated ChromeOS machine for a misc variant: the variant's misc.c, the
 * {@code cros_ec_chardev} module with the variant's driver, and two ECs. Each EC is an MFD
 * parent (built in) whose probe sets up the cros_ec_device and adds the chardev child, and whose
 * unbind tears the child down first and frees the cros_ec_device right after. Every method is
 * recorded as a user operation ({@code ioctl}, {@code remove}...), and every result user space
 * sees is checked against the contract: -ENOTTY from a supported ioctl, or an errno as a poll
 * mask, is an ERRNO finding.
 */
final class MiscModel implements MiscChardev {
    static final Point MFD_ADD = Point.fallible("misc.cros_ec.probe.mfd_add_devices");

    /** Creates the variant's driver on the machine's misc.c and module. */
    @FunctionalInterface
    interface DriverFactory<C extends MiscCore> {
        ChardevDriver create(Kernel k, C core, Module owner, Function<Device, EcDevice> parents);
    }

    private static final long[] READ_ERRORS = {-Errno.ENODEV, -Errno.ERESTARTSYS, -Errno.EINTR, -Errno.ENOMEM};
    private static final long[] IOCTL_ERRORS = {-Errno.ENODEV, -Errno.ERESTARTSYS, -Errno.EINTR, -Errno.ENOMEM};
    private static final long[] OPEN_ERRORS = {-Errno.ENOENT, -Errno.ENODEV, -Errno.ENXIO, -Errno.ENOMEM,
            -Errno.ERESTARTSYS, -Errno.EINTR};

    private final Kernel k;
    private final MiscCore core;
    private final Module module;
    private final Driver chardevDriver;
    private final Map<Ec, Device> parents = new EnumMap<>(Ec.class);
    private final Map<Ec, Driver> parentDrivers = new EnumMap<>(Ec.class);
    private final IdentitySlots<Device, EcDevice> ecs = new IdentitySlots<>();
    private final IdentitySlots<Ec, Device> children = new IdentitySlots<>();
    private final UserSpace users = new UserSpace();
    private int childIds;

    <C extends MiscCore> MiscModel(Kernel k, Function<Kernel, C> misc, DriverFactory<C> variant) {
        this.k = k;
        C c = misc.apply(k);
        this.core = c;
        this.module = Module.load(k, "cros_ec_chardev");
        this.chardevDriver = variant.create(k, c, module, ecs::get).platformDriver();
        // module_exit: platform_driver_unregister unbinds every chardev bound to it
        module.onExit(() -> children.values().forEach(child -> {
            if (child.driver() == chardevDriver) {
                Bus.unbind(child);
            }
        }));
        for (Ec e : Ec.values()) {
            Device parent = new Device(k, e.device, k.memory().global("platform_device"), null);
            parent.initialize(() -> { });
            parents.put(e, parent);
            parentDrivers.put(e, new Driver("cros-ec-dev", null, dev -> probeEc(e, dev), dev -> removeEc(e)));
        }
        k.onEvent(EventKind.UNBIND, target -> remove("cros_fp".equals(target) ? Ec.FP : Ec.EC));
        k.onEvent(EventKind.UNLOAD, target -> rmmodDriver());
    }

    /** The EC's probe: the protocol device, then mfd_add_devices of the chardev child. */
    private int probeEc(Ec e, Device parent) {
        EcDevice ec = EcDevice.probe(k, parent, e.node);
        if (ec == null) {
            return -Errno.ENOMEM;
        }
        ecs.put(parent, ec);
        if (k.fails(MFD_ADD)) {
            ecs.remove(parent);
            return -Errno.ENOMEM;
        }
        Device child = new Device(k, "cros-ec-chardev." + (childIds++), k.memory().global("platform_device"), parent);
        child.initialize(() -> { });
        child.add();
        children.put(e, child);
        if (module.state() == Module.State.LIVE) {
            Bus.probe(child, chardevDriver); // a failed child probe leaves it unbound, the EC bound
        }
        return 0;
    }

    /** The EC's remove: the driver core has unbound the chardev child already. */
    private void removeEc(Ec e) {
        Device child = children.remove(e);
        if (child != null) {
            child.del(); // mfd_remove_devices
        }
        ecs.remove(parents.get(e)); // devres then frees the IRQ and the cros_ec_device
    }

    @Override
    public Kernel kernel() {
        return k;
    }

    @Override
    public int probe(Ec e) {
        return k.op("probe", () -> Bus.probe(parents.get(e), parentDrivers.get(e)));
    }

    @Override
    public OpenResult open(Ec e) {
        return users.opened(k.call("open", () -> expected(core.openByName(e.node)), OpenResult::rc));
    }

    @Override
    public OpenResult reopen(File f) {
        return users.opened(k.call("open", () -> expected(Vfs.open(k, f.inode(), core.map())), OpenResult::rc));
    }

    /** An open's result, checked against the contract before it returns to user space. */
    private OpenResult expected(OpenResult r) {
        expect("open", r.rc(), OPEN_ERRORS);
        return r;
    }

    @Override
    public long read(File f) {
        return k.op("read", () -> {
            long rc = Vfs.read(f, 64);
            expect("read", rc, READ_ERRORS);
            return (int) rc;
        });
    }

    @Override
    public long ioctl(File f, Cmd cmd) {
        return k.op("ioctl", () -> {
            long rc = Vfs.ioctl(f, cmd.ordinal(), 1);
            expect("ioctl(" + cmd + ")", rc, IOCTL_ERRORS);
            return (int) rc;
        });
    }

    @Override
    public long compatIoctl(File f, Cmd cmd) {
        return k.op("compat_ioctl", () -> {
            long rc = Vfs.compatIoctl(f, cmd.ordinal(), 1);
            expect("compat_ioctl(" + cmd + ")", rc, IOCTL_ERRORS);
            return (int) rc;
        });
    }

    @Override
    public int poll(File f) {
        return k.op("poll", () -> {
            int mask = Vfs.poll(f);
            k.expectPollMask("poll", mask);
            return Math.max(mask, 0);
        });
    }

    @Override
    public void close(File f) {
        if (users.closing(f)) {
            k.op("close", () -> Vfs.close(f));
        }
    }

    @Override
    public void raiseEvent(Ec e) {
        k.op("irq", () -> {
            EcDevice ec = ecs.get(parents.get(e));
            if (ec != null) {
                ec.raiseEvent();
            }
        });
    }

    @Override
    public void remove(Ec e) {
        k.op("remove", () -> Bus.unbind(parents.get(e)));
    }

    @Override
    public int rmmodDriver() {
        return k.op("rmmod", module::unload);
    }

    @Override
    public void quiesce() {
        if (k.hangReported() || k.oopsed()) {
            // A hung remove was unwound by the harness; in the kernel it would still hold the
            // device lock, so nothing could be closed, unbound or unloaded past it.
            return;
        }
        users.exit(v -> { }, this::close);
        for (Ec e : Ec.values()) {
            if (parents.get(e).driver() != null) {
                remove(e);
            }
        }
        int rc = rmmodDriver();
        if (rc != 0 && rc != -Errno.EBUSY) {
            throw new IllegalStateException("rmmod returned " + rc);
        }
    }

    /** A successful result, or an errno the contract allows. */
    private void expect(String op, long rc, long[] errors) {
        if (rc < 0) {
            k.expectResult(op, rc, errors);
        }
    }
}
