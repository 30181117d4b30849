package dev.unbind.subjects.media;

import dev.unbind.kernel.IdentitySlots;
import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Fence;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;

/**
 * A camera ISP platform driver (omap3isp-like), the part every variant shares: its context
 * embeds the media_device; probe maps the registers, requests the interrupt, builds the graph and
 * registers the media device; its link_notify powers the pipeline with register writes; its
 * interrupt handler reads a status register into the context. How the context is allocated and
 * freed, and what remove and a failed probe do, is what the variants change
 * ({@link MediaSubject}).
 *
 * <p>Probe ends with the capture video node, which (in the series) takes a media_device
 * reference that its release drops again; no scenario opens the video node.
 */
abstract class IspDriver {
    static final Point KZALLOC_ISP = Point.fallible("media.driver.probe.kzalloc_isp");
    static final Point IOREMAP = Point.fallible("media.driver.probe.devm_ioremap");
    static final Point REQUEST_IRQ = Point.fallible("media.driver.probe.devm_request_irq");
    /** video_register_device of the ISP's capture node, after the media device is registered. */
    static final Point VIDEO_REGISTER = Point.fallible("media.driver.probe.video_register_device");
    /** link_notify is writing the ISP's registers. */
    static final Point HW_ACCESS = Point.window("media.driver.link_notify.hw-access", "remove", "probe")
            .guarding("isp_mmio|isp_device");
    /** The interrupt handler is using the context. */
    static final Point ISR = Point.window("media.driver.isr", "remove").guarding("isp_device|isp_mmio");
    static final Point REMOVE_BEGIN = Point.step("media.driver.remove.begin");
    static final Point REMOVE_RETURNS = Point.step("media.driver.remove.returns");

    /** struct isp_device: the driver's context, with the media_device inside. */
    static final class Isp {
        final Cell mem;
        final MediaDevice mdev;
        /** Hardware resources: devm, released after remove returns (or when probe fails). */
        volatile Cell mmio;
        /** P-NOCALL: once remove returned (or probe failed), no media op of this driver runs. */
        final Fence noOpsAfterRemove;

        Isp(Kernel k, Cell mem, MediaDevice mdev) {
            this.mem = mem;
            this.mdev = mdev;
            this.noOpsAfterRemove = new Fence(k, "no media op of the driver runs after remove() returned or probe() failed");
        }
    }

    final Kernel k;
    final McCore mc;
    /** The driver's module: probe, remove, the ops table, the interrupt handler. */
    final Module owner;
    final IrqLine irq;
    /** isp_media_ops. */
    final MediaDevice.Ops ops;
    /** platform_get_drvdata. */
    volatile Isp isp;
    /** Every context this driver allocated, for container_of. */
    private final IdentitySlots<MediaDevice, Isp> isps = new IdentitySlots<>();

    IspDriver(Kernel k, McCore mc, Module owner, IrqLine irq) {
        this.k = k;
        this.mc = mc;
        this.owner = owner;
        this.irq = irq;
        this.ops = new MediaDevice.Ops(owner, "isp_media_ops", this::linkNotify, mediaRelease());
    }

    /**
     * The driver's ops->release: none for a driver that frees its context at remove (the
     * pre-series drivers); a converted driver returns {@link #release}. Called by the constructor.
     */
    MediaDevice.Ops.Release mediaRelease() {
        return null;
    }

    /** isp_probe. */
    final int probe(Device pdev) {
        Isp isp = allocIsp(pdev);
        if (isp == null) {
            return -Errno.ENOMEM;
        }
        isp.mdev.ops(ops);
        mc.mediaDeviceInit(isp.mdev);
        int rc = afterInit(pdev, isp);
        if (rc != 0) {
            isp.noOpsAfterRemove.close();
            return rc;
        }
        isp.mmio = pdev.devres().kzalloc(IOREMAP, "isp_mmio");
        if (isp.mmio == null) {
            return failed(isp, -Errno.ENOMEM, false);
        }
        rc = irq.devmRequest(pdev, REQUEST_IRQ, new Callback(owner, "isp_isr", () -> isr(isp)));
        if (rc != 0) {
            return failed(isp, rc, false);
        }
        isp.mdev.registerGraph();
        rc = mc.mediaDeviceRegister(isp.mdev, owner);
        if (rc != 0) {
            return failed(isp, rc, false);
        }
        if (k.fails(VIDEO_REGISTER)) {
            return failed(isp, -Errno.ENOMEM, true);
        }
        mc.videoRegisterMediaController(isp.mdev);
        this.isp = isp;
        return 0;
    }

    private int failed(Isp isp, int rc, boolean registered) {
        probeFailed(isp, registered);
        isp.noOpsAfterRemove.close();
        return rc;
    }

    /** isp_remove; the driver core releases devres after this returns. */
    final void removeDevice(Device pdev) {
        k.at(REMOVE_BEGIN);
        Isp isp = this.isp;
        this.isp = null;
        remove(isp);
        k.at(REMOVE_RETURNS);
        isp.noOpsAfterRemove.close();
    }

    /** isp_pipeline_link_notify: powers the pipeline up, which writes the ISP's registers. */
    private int linkNotify(MediaDevice mdev) {
        Isp isp = ispOf(mdev);
        isp.mem.touch("isp_link_notify: read isp->mmio_base");
        try (Fence.Scope op = isp.noOpsAfterRemove.enter("isp_link_notify");
             Cell.Access regs = isp.mmio.enter("isp_link_notify: power the pipeline up (register writes)")) {
            k.at(HW_ACCESS);
        }
        return 0;
    }

    /** isp_isr: reads the status register and records it in the context. */
    private void isr(Isp isp) {
        try (Cell.Access ctx = isp.mem.enter("isp_isr: record the interrupt status in the isp_device")) {
            isp.mmio.touch("isp_isr: read IRQ0STATUS");
            k.at(ISR);
        }
    }

    /** isp_media_release (ops->release, converted drivers): frees the context. */
    final void release(MediaDevice mdev) {
        k.memory().free(mdev.home, "isp_media_release: kfree(isp)");
    }

    /** container_of(mdev, struct isp_device, media_dev). */
    private Isp ispOf(MediaDevice mdev) {
        Isp i = isps.get(mdev);
        if (i == null) {
            throw new IllegalStateException("no isp_device around " + mdev);
        }
        return i;
    }

    /** A new context around a new media_device (container_of needs to find it again). */
    Isp newIsp(Cell mem, Device pdev) {
        Isp i = new Isp(k, mem, mc.newMediaDevice(mem, pdev));
        isps.put(i.mdev, i);
        return i;
    }

    // ------------------------------------------------------------------ what the variants change

    /** Allocates the context: devm (freed at unbind) or kzalloc (freed by ops->release). */
    abstract Isp allocIsp(Device pdev);

    /** Right after media_device_init; 0 or -errno (the context is already gone on error). */
    int afterInit(Device pdev, Isp isp) {
        return 0;
    }

    /** Unwinds a failed probe; {@code registered}: the media device was registered (a later step failed). */
    abstract void probeFailed(Isp isp, boolean registered);

    /** video_unregister_device of the capture node (no video fd is open: it is released at once). */
    void unregisterVideo(Isp isp) {
        mc.videoDeviceRelease(isp.mdev);
    }

    /** The body of remove. */
    abstract void remove(Isp isp);
}
