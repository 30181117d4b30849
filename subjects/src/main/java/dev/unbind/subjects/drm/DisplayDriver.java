package dev.unbind.subjects.drm;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.Workqueue;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.VmOperations;
import dev.unbind.kernel.fs.Vma;

/**
 * A KMS display driver (ingenic-drm-like), the part every variant shares: the probe sequence,
 * the ioctl table, the fops and vm_ops tables owned by the driver module. What the variants
 * change is behind the abstract hooks at the bottom; {@link DrmSubject} implements them.
 */
abstract class DisplayDriver {
    static final Point CLK_GET = Point.fallible("drm.driver.probe.devm_clk_get");
    static final Point IOREMAP = Point.fallible("drm.driver.probe.devm_ioremap");
    static final Point MODE_CONFIG_INIT = Point.fallible("drm.driver.probe.drmm_mode_config_init");
    static final Point ALLOC_PLANE = Point.fallible("drm.driver.probe.alloc_plane");
    static final Point ALLOC_CONNECTOR = Point.fallible("drm.driver.probe.alloc_connector");
    static final Point PANEL_ACTION = Point.fallible("drm.driver.probe.panel_drmm_add_action");
    static final Point HW_ACCESS = Point.window("drm.driver.hw-access", "remove").guarding("mmio|clk");
    static final Point WAITING_EVENT = Point.window("drm.driver.ioctl.waiting-event", "remove")
            .guarding("run|drm_device|drm_file");
    static final Point REMOVE_RETURNS = Point.step("drm.driver.remove.returns");

    final Kernel k;
    final DrmCore core;
    /** The display driver's module: owns the fops, vm_ops, probe/remove and the commit work. */
    final Module owner;
    /** A panel/bridge helper module that registers a drmm action on our drm_device. */
    final Module helper;
    final FileOperations fops;
    final VmOperations vmOps;
    /** platform_get_drvdata. */
    volatile DrmDevice drm;

    DisplayDriver(Kernel k, DrmCore core, Module owner, Module helper) {
        this.k = k;
        this.core = core;
        this.owner = owner;
        this.helper = helper;
        this.vmOps = new VmOperations("ingenic_gem_vm_ops", owner);
        vmOps.fault = this::fault;
        this.fops = new FileOperations("ingenic_drm_fops", owner);
        fops.open = core::drmOpen;
        fops.release = core::drmRelease;
        fops.unlockedIoctl = (f, cmd, arg) -> core.drmIoctl(f, Drm.Ioctl.values()[cmd]);
        fops.compatIoctl = fops.unlockedIoctl;
        fops.mmap = (f, v) -> {
            DrmFile fp = f.privateData();
            v.vmOps(this.vmOps);
            v.privateData(fp.dev());
            return 0;
        };
    }

    Module owner() {
        return owner;
    }

    /** ingenic_drm_probe. */
    int probe(Device pdev) {
        DrmDevice[] out = new DrmDevice[1];
        int rc = core.devmDrmDevAlloc(pdev, this, out);
        if (rc != 0) {
            return rc;
        }
        DrmDevice d = out[0];
        d.clk = pdev.devres().kzalloc(CLK_GET, "clk");
        if (d.clk == null) {
            return -Errno.ENOMEM;
        }
        d.mmio = pdev.devres().kzalloc(IOREMAP, "mmio");
        if (d.mmio == null) {
            return -Errno.ENOMEM;
        }
        rc = d.managed.addOrReset(MODE_CONFIG_INIT,
                Callback.builtin("drm_mode_config_cleanup", () -> d.walkModeConfig("drm_mode_config_cleanup")));
        if (rc != 0) {
            return rc;
        }
        d.plane = allocKms(d, pdev, ALLOC_PLANE, "drm_plane");
        if (d.plane == null) {
            return -Errno.ENOMEM;
        }
        d.connector = allocKms(d, pdev, ALLOC_CONNECTOR, "drm_connector");
        if (d.connector == null) {
            return -Errno.ENOMEM;
        }
        rc = addPanelAction(d);
        if (rc != 0) {
            return rc;
        }
        drm = d; // platform_set_drvdata
        rc = core.drmDevRegister(d);
        if (rc != 0) {
            return registerFailed(d, rc);
        }
        return 0;
    }

    /** ingenic_drm_remove; the driver core releases devres after this returns. */
    final void removeDevice(Device pdev) {
        DrmDevice d = drm;
        remove(d);
        k.at(REMOVE_RETURNS);
        d.commitWorkAfterRemove.close();
    }

    /** The driver's ioctl table behind drm_ioctl. */
    long ioctl(DrmDevice d, Drm.Ioctl cmd) {
        return switch (cmd) {
            case GETRESOURCES -> {
                d.walkModeConfig("GETRESOURCES");
                yield 0;
            }
            case GET_PARAM -> getParam(d);
            case DETECT -> detect(d);
            case WAIT_EVENT -> waitEvent(d);
            case ATOMIC -> atomic(d, false);
            case ATOMIC_NONBLOCK -> atomic(d, true);
        };
    }

    // ------------------------------------------------------------------ shared hardware code

    /** A register read: an access to the ioremapped registers that spans the bus transaction. */
    long readRegister(DrmDevice d, String what) {
        try (Cell.Access bus = d.mmio.enter(what)) {
            k.at(HW_ACCESS);
        }
        return 0;
    }

    /** The plane update and CRTC enable/disable writes of a commit. */
    void programHw(DrmDevice d, Commit c) {
        try (Cell.Access bus = d.mmio.enter(c.disable ? "atomic_disable: stop scanout" : "plane update: program scanout")) {
            k.at(HW_ACCESS);
        }
        if (c.disable) {
            disableScanout(d);
        } else if (d.scanout == null) {
            d.scanout = k.memory().alloc("crtc_scanout", "CRTC enabled: the controller scans out memory");
        }
    }

    void disableScanout(DrmDevice d) {
        Cell s = d.scanout;
        if (s != null) {
            d.scanout = null;
            k.memory().free(s, "CRTC disabled: scanout stopped");
        }
    }

    /** The connector's detect: the HPD pin is a register read. */
    long readHpd(DrmDevice d) {
        d.connector.touch("connector->funcs->detect");
        return readRegister(d, "detect: read the HPD status register");
    }

    // ------------------------------------------------------------------ what the variants change

    /** Allocates a KMS object and links it into mode_config. */
    abstract Cell allocKms(DrmDevice d, Device pdev, Point p, String type);

    /** The panel helper's drmm action (its code lives in the helper module). */
    abstract int addPanelAction(DrmDevice d);

    /** drm_dev_register failed: what the driver does before its probe returns the error. */
    abstract int registerFailed(DrmDevice d, int rc);

    /** The body of remove. */
    abstract void remove(DrmDevice d);

    abstract long getParam(DrmDevice d);

    abstract long detect(DrmDevice d);

    abstract long waitEvent(DrmDevice d);

    abstract long atomic(DrmDevice d, boolean nonblock);

    /** The hardware part of commit_tail; returns whether the hardware was programmed. */
    abstract boolean commitModeset(DrmDevice d, Commit c);

    /** flip_done: normally the vblank interrupt after the hardware latched the new state. */
    abstract void vblankEvent(DrmDevice d, Commit c, boolean programmed);

    /** cleanup_fb: unpin and unmap the old framebuffer. */
    abstract void cleanupFb(DrmDevice d, Commit c);

    /** The GEM mmap fault handler of a buffer in device memory. */
    abstract int fault(Vma v, long pgoff);

    /** A nonblocking commit's work was queued (only a fix that fences commit work cares). */
    void commitQueued(DrmDevice d, Workqueue.Work w) {
    }
}
