package dev.unbind.subjects.drm;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.Workqueue;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.Vma;

import java.util.ArrayList;
import java.util.List;

/**
 * DRM: drm_dev_unplug + drm_dev_enter/exit, devm vs drmm, and remove vs in-flight commits.
 *
 * <p>Thread: "drm/ingenic: Call drm_atomic_helper_shutdown() at shutdown time", Maxime Ripard and
 * Doug Anderson, September 2023 (seed 001); PROTOCOLS.md §6. Most drivers' remove only calls
 * drm_dev_unregister and the shutdown helper. An open fd keeps the drm_device alive, but nothing
 * stops its ioctls, nothing waits for a queued nonblocking commit, and devres then releases the
 * hardware — and whatever KMS memory the driver wrongly allocated with devm:
 *
 * <pre>
 *   CPU0 (user, fd open)                      CPU1 (unbind)
 *   ioctl(DETECT)
 *     drm_ioctl: !dev->unplugged  ok
 *                                             ingenic_drm_remove
 *                                               drm_dev_unregister      (no new opens)
 *                                               drm_atomic_helper_shutdown
 *                                             devres: iounmap(mmio), clk_put, kfree(plane)
 *     connector->detect: readl(mmio)   &lt;-- UAF
 * </pre>
 *
 * The fix the thread describes: drm_dev_unplug in remove (unplugged = true, then an SRCU grace
 * period over every drm_dev_enter section, then zap user mappings), drm_dev_enter/exit around
 * every hardware access, drmm instead of devm for everything userspace can reach. Its rules:
 * <ol>
 *   <li>Only code inside drm_dev_enter/exit is fenced; drm_ioctl's unplugged test is a hint.</li>
 *   <li>KMS objects live until the last drm_dev_put (drmm), hardware resources until unbind (devm).</li>
 *   <li>drm_unplug_srcu is global: a section that sleeps on the dying device stalls every unplug.</li>
 *   <li>Nothing pins the module whose code a drmm action points into.</li>
 * </ol>
 * It leaves windows: queued commit work and unbracketed paths racing remove, a skipped commit
 * that never signals flip_done, hardware left on because shutdown now skips its own writes, a
 * drmm action in an unloaded module. {@link Quiesced} closes them all.
 */
final class DrmSubject {
    static final Point REMOVE_BEGIN = Point.step("drm.driver.remove.begin");

    private DrmSubject() {
    }

    /**
     * Pre-fix: the unregister-only remove path most drivers use, KMS objects allocated with devm,
     * nothing bracketed, nothing waited for.
     */
    static class UnregisterOnly extends DisplayDriver {
        UnregisterOnly(Kernel k, DrmCore core, Module owner, Module helper) {
            super(k, core, owner, helper);
        }

        @Override
        Cell allocKms(DrmDevice d, Device pdev, Point p, String type) {
            Cell c = pdev.devres().kzalloc(p, type); // BUG: devm for a KMS object: freed at unbind, reachable until the last fd closes
            if (c != null) {
                d.link(c);
            }
            return c;
        }

        @Override
        int addPanelAction(DrmDevice d) {
            if (k.fails(PANEL_ACTION)) {
                return -Errno.ENOMEM;
            }
            d.managed.add(new Callback(helper, "panel_bridge_drmm_cleanup", () -> { })); // BUG: nothing pins the helper module until this runs
            return 0;
        }

        @Override
        int registerFailed(DrmDevice d, int rc) {
            return rc; // BUG: an fd opened while the minor was visible keeps the device, and unplugged is never set
        }

        @Override
        void remove(DrmDevice d) {
            k.at(REMOVE_BEGIN);
            core.drmDevUnregister(d); // BUG: open fds' ioctls are not filtered
            core.atomicHelperShutdown(d); // BUG: a queued nonblocking commit may still run after this
        }

        @Override
        long getParam(DrmDevice d) {
            return readRegister(d, "GET_PARAM: read a status register"); // BUG: no drm_dev_enter
        }

        @Override
        long detect(DrmDevice d) {
            return readHpd(d);
        }

        @Override
        long waitEvent(DrmDevice d) {
            k.at(WAITING_EVENT);
            return d.events.waitEventInterruptible(() -> false); // the hardware raises no event in these scenarios
        }

        @Override
        long atomic(DrmDevice d, boolean nonblock) {
            return core.atomicCommit(d, nonblock, false);
        }

        @Override
        boolean commitModeset(DrmDevice d, Commit c) {
            programHw(d, c);
            return true;
        }

        @Override
        void vblankEvent(DrmDevice d, Commit c, boolean programmed) {
            c.flipDone.completeAll(); // the hardware raises the vblank interrupt
        }

        @Override
        void cleanupFb(DrmDevice d, Commit c) {
            d.clk.touch("cleanup_fb: unmap the old framebuffer from the IOMMU"); // BUG: may run after remove returned
        }

        @Override
        int fault(Vma v, long pgoff) {
            DrmDevice d = v.privateData();
            v.remapPfn(d.mmio); // BUG: PTEs into the BAR that nothing ever zaps
            return 0;
        }
    }

    /**
     * The fix as the thread describes it: drm_dev_unplug in remove, drm_dev_enter/exit around
     * hardware access, drmm for KMS objects. Residual windows marked BUG, here and inherited from
     * {@link UnregisterOnly} unchanged:
     * <ul>
     *   <li>{@code addPanelAction}: BUG: nothing pins the helper module until its drmm action runs;</li>
     *   <li>{@code registerFailed}: BUG: an fd opened while the minor was visible keeps the device, and
     *       unplugged is never set;</li>
     *   <li>{@code cleanupFb}: BUG: may run after remove returned.</li>
     * </ul>
     */
    static class UnplugEnterExit extends UnregisterOnly {
        UnplugEnterExit(Kernel k, DrmCore core, Module owner, Module helper) {
            super(k, core, owner, helper);
        }

        @Override
        Cell allocKms(DrmDevice d, Device pdev, Point p, String type) {
            Cell c = k.kzalloc(p, type); // FIX: drmm: freed with the drm_device, at the last drm_dev_put
            if (c != null) {
                d.link(c);
                d.managed.add(Callback.builtin("drm_" + type + "_cleanup", () -> {
                    d.unlink(c);
                    k.memory().free(c, "drmm: kfree(" + type + ")");
                }));
            }
            return c;
        }

        @Override
        void remove(DrmDevice d) {
            k.at(REMOVE_BEGIN);
            core.drmDevUnplug(d); // FIX: new ioctls fail, enter sections drained, mappings zapped
            core.atomicHelperShutdown(d); // BUG: its hardware writes are inside drm_dev_enter now, so they are skipped
        }

        @Override
        long getParam(DrmDevice d) {
            int idx = core.drmDevEnter(d);
            if (idx < 0) { // FIX
                return -Errno.ENODEV;
            }
            long rc = readRegister(d, "GET_PARAM: read a status register");
            core.drmDevExit(idx);
            return rc;
        }

        @Override
        long detect(DrmDevice d) {
            return readHpd(d); // BUG: connector->detect is not bracketed; drm_ioctl's test is only a hint
        }

        @Override
        long waitEvent(DrmDevice d) {
            int idx = core.drmDevEnter(d);
            if (idx < 0) {
                return -Errno.ENODEV;
            }
            k.at(WAITING_EVENT);
            long rc = d.events.waitEventInterruptible(() -> false); // BUG: sleeps inside the global SRCU section
            core.drmDevExit(idx);
            return rc;
        }

        @Override
        boolean commitModeset(DrmDevice d, Commit c) {
            int idx = core.drmDevEnter(d);
            if (idx < 0) { // FIX: no hardware access once unplugged
                return false;
            }
            programHw(d, c);
            core.drmDevExit(idx);
            return true;
        }

        @Override
        void vblankEvent(DrmDevice d, Commit c, boolean programmed) {
            if (programmed) {
                c.flipDone.completeAll();
            } // BUG: a commit that skipped the hardware never gets its flip_done
        }

        @Override
        int fault(Vma v, long pgoff) {
            DrmDevice d = v.privateData();
            int idx = core.drmDevEnter(d);
            if (idx < 0) { // FIX: after unplug the mapping is zapped and cannot come back
                return Vma.VM_FAULT_SIGBUS;
            }
            v.remapPfn(d.mmio);
            core.drmDevExit(idx);
            return 0;
        }
    }

    /**
     * Fully quiesced: remove marks the device dead and wakes sleepers before the grace period,
     * fences commit work, and disables the hardware it still owns; every hardware access is
     * bracketed; a skipped commit still signals; the helper module is pinned by its drmm action;
     * a failed register unplugs. It must keep every property. Inherited from {@link UnplugEnterExit}
     * unchanged, each a FIX there: drmm KMS objects ({@code allocKms}), GET_PARAM, the commit's
     * hardware programming and the mapping's fault inside drm_dev_enter/exit.
     */
    static final class Quiesced extends UnplugEnterExit {
        private final List<Workqueue.Work> commits = new ArrayList<>();

        Quiesced(Kernel k, DrmCore core, Module owner, Module helper) {
            super(k, core, owner, helper);
        }

        @Override
        int addPanelAction(DrmDevice d) {
            if (!helper.tryGet()) { // FIX: the action pins the module its code lives in
                return -Errno.ENODEV;
            }
            if (k.fails(PANEL_ACTION)) {
                helper.put();
                return -Errno.ENOMEM;
            }
            // drmres runs LIFO: the put is added first so that it runs after the helper's action
            d.managed.add(Callback.builtin("module_put(panel_helper)", helper::put));
            d.managed.add(new Callback(helper, "panel_bridge_drmm_cleanup", () -> { }));
            return 0;
        }

        @Override
        int registerFailed(DrmDevice d, int rc) {
            core.drmDevUnplug(d); // FIX: an fd opened in the window only ever sees -ENODEV
            return rc;
        }

        @Override
        void remove(DrmDevice d) {
            k.at(REMOVE_BEGIN);
            d.unplugged(true); // FIX: no new ioctl, enter section or commit
            d.events.wakeUp(); // FIX: sleepers re-check before the grace period waits for them
            core.unplugSrcu.synchronize();
            core.drmDevUnregister(d);
            d.anonMapping.unmapMappingRange();
            for (Workqueue.Work w : queuedCommits()) {
                core.unboundWq.flush(w); // FIX: no commit work runs after remove returns
            }
            try (Cell.Access bus = d.mmio.enter("remove: stop scanout")) { // FIX: remove still owns the hardware
                disableScanout(d);
            }
        }

        @Override
        long detect(DrmDevice d) {
            int idx = core.drmDevEnter(d);
            if (idx < 0) { // FIX
                return -Errno.ENODEV;
            }
            long rc = readHpd(d);
            core.drmDevExit(idx);
            return rc;
        }

        @Override
        long waitEvent(DrmDevice d) {
            int idx = core.drmDevEnter(d);
            if (idx < 0) {
                return -Errno.ENODEV;
            }
            k.at(WAITING_EVENT);
            long rc = d.events.waitEventInterruptible(d::unplugged); // FIX: woken by remove
            core.drmDevExit(idx);
            return rc == 0 ? -Errno.ENODEV : rc;
        }

        @Override
        long atomic(DrmDevice d, boolean nonblock) {
            int idx = core.drmDevEnter(d);
            if (idx < 0) { // FIX: a commit is queued inside the section remove drains
                return -Errno.ENODEV;
            }
            long rc = core.atomicCommit(d, nonblock, false);
            core.drmDevExit(idx);
            return rc;
        }

        @Override
        void commitQueued(DrmDevice d, Workqueue.Work w) {
            synchronized (commits) {
                commits.add(w);
            }
        }

        private List<Workqueue.Work> queuedCommits() {
            synchronized (commits) {
                return List.copyOf(commits);
            }
        }

        @Override
        void vblankEvent(DrmDevice d, Commit c, boolean programmed) {
            c.flipDone.completeAll(); // FIX: drm_crtc_send_vblank_event even when the hardware was skipped
        }

        @Override
        void cleanupFb(DrmDevice d, Commit c) {
            int idx = core.drmDevEnter(d);
            if (idx < 0) { // FIX
                return;
            }
            d.clk.touch("cleanup_fb: unmap the old framebuffer from the IOMMU");
            core.drmDevExit(idx);
        }
    }
}
