package dev.unbind.subjects.media;

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
import dev.unbind.subject.UserSpace;

/**
 * One simulated machine for a media variant: the mc module with its core, the ISP driver module
 * (which uses mc's symbols, so it pins mc while loaded), the platform device and its interrupt
 * line, and the system calls and sysfs actions a scenario uses. Every method is recorded as a
 * user operation ({@code ioctl}, {@code remove}...) so race windows know what is in flight.
 */
final class MediaModel implements Media {
    /** Creates the variant's MC core on the mc module. */
    @FunctionalInterface
    interface CoreFactory {
        McCore create(Kernel k, Module mc);
    }

    /** Creates the variant's driver on the core. */
    @FunctionalInterface
    interface DriverFactory {
        IspDriver create(Kernel k, McCore mc, Module owner, IrqLine irq);
    }

    private final Kernel k;
    private final Module mcModule;
    private final Module driverModule;
    private final McCore core;
    private final IrqLine irq;
    private final Device pdev;
    private final Driver platformDriver;
    private final UserSpace users = new UserSpace();

    MediaModel(Kernel k, CoreFactory coreVariant, DriverFactory driverVariant) {
        this.k = k;
        this.mcModule = Module.load(k, "mc");
        this.driverModule = Module.load(k, "omap3_isp");
        mcModule.get(); // the driver module uses mc's symbols
        this.core = coreVariant.create(k, mcModule);
        this.irq = new IrqLine(k, "isp");
        IspDriver driver = driverVariant.create(k, core, driverModule, irq);
        this.pdev = new Device(k, "480bc000.isp", k.memory().global("platform_device"), null);
        pdev.initialize(() -> { });
        this.platformDriver = new Driver("omap3isp", driverModule, driver::probe, driver::removeDevice);
        driverModule.onExit(() -> {
            Bus.unbind(pdev); // platform_driver_unregister
            mcModule.put();
        });
        k.onEvent(EventKind.UNBIND, target -> remove());
        k.onEvent(EventKind.UNLOAD, target -> {
            if ("mc".equals(target)) {
                rmmodMc();
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
        return k.op("probe", () -> driverModule.state() == Module.State.LIVE ? Bus.probe(pdev, platformDriver) : -Errno.ENODEV);
    }

    @Override
    public OpenResult open() {
        return opened(() -> Vfs.openPath(k, core.devfs, core.map, Inode.mkdev(McCore.MEDIA_MAJOR, core.lastMinor)));
    }

    @Override
    public OpenResult openNode() {
        return opened(() -> Vfs.open(k, new Inode(Inode.mkdev(McCore.MEDIA_MAJOR, 0)), core.map));
    }

    @Override
    public OpenResult reopen(File f) {
        return opened(() -> Vfs.open(k, f.inode(), core.map));
    }

    private OpenResult opened(java.util.function.Supplier<OpenResult> how) {
        OpenResult r = k.call("open", () -> how.get(), OpenResult::rc);
        return users.opened(r);
    }

    @Override
    public long ioctl(File f, Ioctl cmd) {
        return k.op("ioctl", () -> (int) Vfs.ioctl(f, cmd.ordinal(), 0));
    }

    @Override
    public long compatIoctl(File f, Ioctl cmd) {
        return k.op("compat_ioctl", () -> (int) Vfs.compatIoctl(f, cmd.ordinal(), 0));
    }

    @Override
    public long read(File f) {
        return k.op("read", () -> (int) Vfs.read(f, 64));
    }

    @Override
    public long write(File f) {
        return k.op("write", () -> (int) Vfs.write(f, 64));
    }

    @Override
    public int poll(File f) {
        return k.op("poll", () -> Vfs.poll(f));
    }

    @Override
    public void close(File f) {
        if (users.closing(f)) {
            k.op("close", () -> Vfs.close(f));
        }
    }

    @Override
    public void interrupt() {
        k.op("irq", irq::raise);
    }

    @Override
    public void remove() {
        k.op("remove", () -> Bus.unbind(pdev));
    }

    @Override
    public int rmmodDriver() {
        return k.op("rmmod", driverModule::unload);
    }

    @Override
    public int rmmodMc() {
        return k.op("rmmod", mcModule::unload);
    }

    @Override
    public void quiesce() {
        if (k.hangReported() || k.oopsed()) {
            return; // a task died or hung holding what it held (a probe half done): nothing can be brought to rest
        }
        users.exit(v -> { }, this::close);
        if (pdev.driver() != null) {
            remove();
        }
        int rc = rmmodDriver();
        if (rc == 0 || driverModule.state() == Module.State.GONE) {
            rmmodMc();
        }
    }
}
