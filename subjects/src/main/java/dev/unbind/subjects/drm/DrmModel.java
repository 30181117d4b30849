package dev.unbind.subjects.drm;

import dev.unbind.fault.EventKind;
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
import dev.unbind.kernel.fs.Vma;
import dev.unbind.subject.UserSpace;


/**
 * One simulated machine for a DRM variant: the DRM core, the display driver module and the panel
 * helper module, the platform device, and the system calls and sysfs actions a scenario uses.
 * Every method is recorded as a user operation ({@code ioctl}, {@code remove}...) so race windows
 * know what is in flight.
 */
final class DrmModel implements Drm {
    /** Creates the variant's driver on the machine's core and modules. */
    @FunctionalInterface
    interface DriverFactory {
        DisplayDriver create(Kernel k, DrmCore core, Module owner, Module helper);
    }

    private final Kernel k;
    private final DrmCore core;
    private final Module driverModule;
    private final Module helperModule;
    private final DisplayDriver driver;
    private final Device pdev;
    private final Driver platformDriver;
    private final UserSpace users = new UserSpace();

    DrmModel(Kernel k, DriverFactory variant) {
        this.k = k;
        this.core = new DrmCore(k);
        this.driverModule = Module.load(k, "ingenic_drm");
        this.helperModule = Module.load(k, "panel_helper");
        this.driver = variant.create(k, core, driverModule, helperModule);
        this.pdev = new Device(k, "13050000.lcd-controller", k.memory().global("platform_device"), null);
        pdev.initialize(() -> { });
        this.platformDriver = new Driver("ingenic-drm", driverModule, driver::probe, dev -> driver.removeDevice(dev));
        // module_exit: platform_driver_unregister unbinds the device first
        driverModule.onExit(() -> Bus.unbind(pdev));
        k.onEvent(EventKind.UNBIND, target -> remove());
        k.onEvent(EventKind.UNLOAD, target -> {
            if ("panel_helper".equals(target)) {
                rmmodHelper();
            } else {
                rmmodDriver();
            }
        });
    }

    @Override
    public Kernel kernel() {
        return k;
    }

    @Override
    public int probe() {
        return k.op("probe", () -> Bus.probe(pdev, platformDriver));
    }

    @Override
    public OpenResult open() {
        return users.opened(k.call("open", () -> {
            DrmDevice d = driver.drm;
            int minor = d == null ? 0 : d.minor;
            return Vfs.openPath(k, core.devfs, core.map, Inode.mkdev(DrmCore.DRM_MAJOR, minor));
        }, OpenResult::rc));
    }

    @Override
    public OpenResult reopen(File f) {
        return users.opened(k.call("open", () -> Vfs.open(k, f.inode(), core.map), OpenResult::rc));
    }

    @Override
    public long ioctl(File f, Ioctl cmd) {
        return k.op("ioctl", () -> (int) Vfs.ioctl(f, cmd.ordinal(), 0));
    }

    @Override
    public void close(File f) {
        if (users.closing(f)) {
            k.op("close", () -> Vfs.close(f));
        }
    }

    @Override
    public Vma mmap(File f) {
        return users.mapped(k.call("mmap", () -> Vfs.mmap(f), Vfs.Mapped::rc).vma());
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
    public void remove() {
        k.op("remove", () -> Bus.unbind(pdev));
    }

    @Override
    public int rmmodHelper() {
        return k.op("rmmod", helperModule::unload);
    }

    @Override
    public int rmmodDriver() {
        return k.op("rmmod", driverModule::unload);
    }

    @Override
    public void quiesce() {
        if (k.hangReported() || k.oopsed()) {
            return; // a task died or hung holding what it held (a probe half done): nothing can be brought to rest
        }
        users.exit(this::munmap, this::close);
        if (pdev.driver() != null) {
            remove();
        }
        rmmodHelper();
        int rc = rmmodDriver();
        if (rc != 0 && rc != -Errno.EBUSY) {
            throw new IllegalStateException("rmmod returned " + rc);
        }
    }
}
