package dev.unbind.subjects.media;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;

/**
 * Media controller: the refcounted media_device and the "media devnode compat ref".
 *
 * <p>Thread: Sakari Ailus, "Media device lifetime" (v2 cover letter, December 2023, seed 000;
 * v4 June 2024), with Hans Verkuil's and Laurent Pinchart's reviews; PROTOCOLS.md §1. "There is
 * currently no connection between releasing media device (and related) memory and IOCTL calls":
 * the driver frees the media_device at unbind while open files can still reach it. Mainline's
 * unlocked REGISTERED test only narrows the window:
 *
 * <pre>
 *   CPU0 (MEDIA_IOC_SETUP_LINK on an open fd)     CPU1 (unbind)
 *   __media_ioctl: REGISTERED?  yes
 *                                                isp_remove
 *                                                  media_device_unregister
 *                                                    clear REGISTERED; devnode->media_dev = NULL
 *                                                  media_device_cleanup
 *                                                devres: free_irq, iounmap, kfree(isp)
 *   media_device_ioctl: dev = devnode->media_dev  NULL, or the freed isp_device
 *     mutex_lock(&amp;dev->graph_mutex)            &lt;-- NULL dereference / use-after-free
 *     link_notify: writes unmapped registers   &lt;-- after remove returned
 * </pre>
 *
 * The series' fix: the media_device embeds its devnode again and is refcounted by the devnode's
 * struct device; a driver that sets {@code ops->release} frees its context only at the last
 * reference (every open file, the char device, the driver's own). For drivers that do not, a
 * "compat ref" allocated by the core holds the char device and the registration state, so a call
 * that starts after unbind fails without touching the driver's memory — "best effort": the
 * memory "may of course still be released during the call". Its rules and where they fall short:
 * <ol>
 *   <li>Refcounted mode: the media_device's memory outlives every file (INV-MC1) — but nothing
 *       waits for a call in flight, so link_notify can still run after remove released the
 *       registers (§1(e)7), and a conversion that drops its reference in remove frees the
 *       context before devres frees the interrupt.</li>
 *   <li>Compat mode: a call that starts after unregister sees {@code ref->registered == 0}
 *       (INV-MC3) — but one that passed the test before, a close that passed it, and an open
 *       through an inode that cached the char device all reach the driver's freed memory
 *       (§1(e)1–3).</li>
 *   <li>Registration: REGISTERED is set before cdev_device_add and left set when it fails; the
 *       compat ref is put before its struct device was initialised when minors run out (§1(f)).</li>
 *   <li>Unregister detaches the open file handles from {@code mdev->fh_list} (§1(e)4: memory
 *       safe, since every handle unlinks itself from its neighbours; nothing reads the list).</li>
 * </ol>
 * {@link FencedMc} with {@link FencedIsp} closes all of it: the file operations' registered test
 * and call form one SRCU read-side section that unregister (and a failing register) waits for,
 * the handles stay on the list, a failed cdev_device_add clears REGISTERED, and the driver drops
 * its reference from a devm action so the interrupt is freed first.
 *
 * <p>The drivers below are the variants' driver side; the cores are {@link MainlineMc},
 * {@link SeriesMc} (with {@link SeriesDevnode}) and {@link FencedMc}.
 */
final class MediaSubject {
    static final Point DEVM_PUT_ACTION = Point.fallible("media.driver.probe.devm_add_action");

    private MediaSubject() {
    }

    /**
     * A driver that does not manage the media device's lifetime (mainline, and the series' compat
     * mode): the context is devm-allocated, so devres frees it right after remove returns. A failed
     * probe unwinds like omap3isp's isp_unregister_entities: media_device_unregister, documented
     * as safe on a media device that is not registered, then media_device_cleanup.
     */
    static class LegacyIsp extends IspDriver {
        LegacyIsp(Kernel k, McCore mc, Module owner, IrqLine irq) {
            super(k, mc, owner, irq);
        }

        @Override
        Isp allocIsp(Device pdev) {
            Cell mem = pdev.devres().kzalloc(KZALLOC_ISP, "isp_device"); // BUG: freed at unbind, however many files still reach it
            return mem == null ? null : newIsp(mem, pdev);
        }

        @Override
        void probeFailed(Isp isp, boolean registered) {
            mc.mediaDeviceUnregister(isp.mdev); // isp_unregister_entities: "safe on an unregistered media device"
            mc.mediaDeviceCleanup(isp.mdev);
        }

        @Override
        void remove(Isp isp) {
            mc.mediaDeviceUnregister(isp.mdev);
            unregisterVideo(isp);
            mc.mediaDeviceCleanup(isp.mdev);
        }
    }

    /**
     * A driver converted the way the series converts ipu3-cio2 (v3 18/26): the context is
     * kzalloc'ed and freed by {@code ops->release} at the last media_device_put, which remove
     * drops last; a failed registration only puts, a later failure unregisters first; registers
     * and the interrupt stay devm.
     */
    static class ConvertedIsp extends IspDriver {
        ConvertedIsp(Kernel k, McCore mc, Module owner, IrqLine irq) {
            super(k, mc, owner, irq);
        }

        @Override
        MediaDevice.Ops.Release mediaRelease() {
            return this::release; // FIX: the context is freed at the last media_device_put, not at remove
        }

        @Override
        Isp allocIsp(Device pdev) {
            Cell mem = k.kzalloc(KZALLOC_ISP, "isp_device");
            return mem == null ? null : newIsp(mem, pdev);
        }

        @Override
        void probeFailed(Isp isp, boolean registered) {
            if (registered) {
                mc.mediaDeviceUnregister(isp.mdev); // fail_media_device_unregister
            }
            mc.mediaDevicePut(isp.mdev); // fail_media_device_put
        }

        @Override
        void remove(Isp isp) {
            mc.mediaDeviceUnregister(isp.mdev); // BUG: returns with an ioctl (and its link_notify) still running
            unregisterVideo(isp);
            mc.mediaDevicePut(isp.mdev); // BUG: with no file open the context is freed here, the IRQ only after remove
        }
    }

    /**
     * The converted driver on the fenced core: its own reference is dropped by a devm action
     * registered before the registers and the interrupt, so devres frees the interrupt first.
     */
    static final class FencedIsp extends ConvertedIsp {
        FencedIsp(Kernel k, McCore mc, Module owner, IrqLine irq) {
            super(k, mc, owner, irq);
        }

        @Override
        int afterInit(Device pdev, Isp isp) {
            return pdev.devres().addOrReset(DEVM_PUT_ACTION, // FIX: runs after devres freed the IRQ (LIFO)
                    new Callback(owner, "isp_put_media_device", () -> mc.mediaDevicePut(isp.mdev)));
        }

        @Override
        void probeFailed(Isp isp, boolean registered) {
            if (registered) {
                mc.mediaDeviceUnregister(isp.mdev);
            } // FIX: the devm action drops the reference once devres has freed the interrupt
        }

        @Override
        void remove(Isp isp) {
            mc.mediaDeviceUnregister(isp.mdev); // FIX: waits for every file operation in flight (FencedMc)
            unregisterVideo(isp);
        }
    }
}
