package dev.unbind.subjects.uio;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.device.Driver;
import dev.unbind.kernel.fs.Inode;

import java.util.List;

/**
 * A platform uio driver of the usual shape (uio_pdrv_genirq-like), the other kind of uio user:
 * everything devm-allocated, its uio_info included; map 0 is the device's registers (PHYS,
 * remap_pfn_range), map 1 a buffer in pages (LOGICAL, uio's fault handler); open and release
 * take and drop a runtime-PM reference; remove is just uio_unregister_device, after which devres
 * frees the interrupt, the buffer, the registers and the uio_info.
 *
 * <p>Its interrupt is its own ({@code UIO_IRQ_CUSTOM}, devm_request_irq): the handler acks the
 * device and calls uio_event_notify. User space enables it with write(1); nothing in remove
 * disables it, so it can fire until devres frees the line.
 */
class PlatformUio {
    static final Point PRIV_ALLOC = Point.fallible("uio_plat.probe.kzalloc");
    static final Point IOREMAP = Point.fallible("uio_plat.probe.devm_ioremap");
    static final Point BUFFER_ALLOC = Point.fallible("uio_plat.probe.alloc_buffer");
    static final Point REQUEST_IRQ = Point.fallible("uio_plat.probe.devm_request_irq");

    /** Map indexes (the mmap offset in pages). */
    static final int MAP_REGISTERS = 0;
    static final int MAP_BUFFER = 1;

    final Kernel k;
    final UioCore uio;
    final Module owner;
    final Device pdev;
    final Driver driver;
    final RuntimePm pm;
    final Irq irq;
    /** platform_get_drvdata: the uio_info of the bound device. */
    private volatile UioInfo bound;
    /** Model-side: the uio_info of the last probe, for user space to find its node. */
    volatile UioInfo last;

    PlatformUio(Kernel k, UioCore uio, Module owner) {
        this.k = k;
        this.uio = uio;
        this.owner = owner;
        this.pdev = new Device(k, "uio_plat.0", k.memory().global("platform_device"), null);
        pdev.initialize(() -> { });
        this.pm = new RuntimePm(k, pdev.name());
        this.irq = new Irq(k, "uio_plat.0 irq");
        this.driver = new Driver("uio_plat", owner, this::probe, d -> remove());
    }

    private int probe(Device dev) {
        Cell priv = dev.devres().kzalloc(PRIV_ALLOC, "uio_plat_priv");
        if (priv == null) {
            return -Errno.ENOMEM;
        }
        UioInfo info = new UioInfo(priv, owner, "uio_plat");
        last = info;
        Cell regs = dev.devres().kzalloc(IOREMAP, "uio_plat_regs");
        if (regs == null) {
            return -Errno.ENOMEM;
        }
        Cell buffer = dev.devres().kzalloc(BUFFER_ALLOC, "uio_plat_buffer");
        if (buffer == null) {
            return -Errno.ENOMEM;
        }
        info.describe(List.of(new UioInfo.Mem("registers", UioInfo.MemType.PHYS, regs),
                        new UioInfo.Mem("buffer", UioInfo.MemType.LOGICAL, buffer)),
                UioInfo.IRQ_CUSTOM, this::open, this::release, null, (i, on) -> irqcontrol(i, regs));
        adopt(info);
        if (k.fails(REQUEST_IRQ)) {
            return -Errno.EBUSY;
        }
        irq.request(new Callback(owner, "uio_plat_irq_handler", () -> handler(info, regs)));
        dev.devres().add(new Callback(owner, "devm_free_irq", irq::free));
        int ret = uio.register(owner, info);
        if (ret != 0) {
            return ret;
        }
        bound = info;
        return 0;
    }

    private void remove() {
        UioInfo info = bound;
        if (info == null) {
            return; // an earlier remove was cut short by a reported hang: nothing left to unregister
        }
        bound = null;
        uio.unregister(info);
    }

    private void handler(UioInfo info, Cell regs) {
        regs.touch("read and ack the interrupt status");
        uio.eventNotify(info);
    }

    private int irqcontrol(UioInfo info, Cell regs) {
        regs.touch("write the interrupt enable bit");
        return 0;
    }

    /** uio_info.open: power the device up for user space. */
    int open(UioInfo info, Inode inode) {
        info.home.touch("read info->priv");
        pm.get();
        return 0;
    }

    /** uio_info.release. */
    int release(UioInfo info, Inode inode) {
        info.home.touch("read info->priv");
        pm.put();
        return 0;
    }

    /** More of uio_info before registering (a driver adopting a new hook). */
    void adopt(UioInfo info) {
    }

    /**
     * The same driver adopting Bodo's hook the way its documentation invites ("if you define your
     * own open(), you will in certain cases also want a custom late_release()"): its release is
     * also its late_release, so the runtime-PM reference is dropped at a close after remove. Its
     * uio_info stays devm-allocated, as in every platform uio driver (PROTOCOLS.md §5(e) 2).
     */
    static final class LateReleaseAdopter extends PlatformUio {
        LateReleaseAdopter(Kernel k, UioCore uio, Module owner) {
            super(k, uio, owner);
        }

        @Override
        void adopt(UioInfo info) {
            info.lateRelease(this::release); // BUG: devres frees info after remove; late_info then points at freed memory
        }
    }
}
