package dev.unbind.subjects.drm;

import dev.unbind.finding.Kind;
import dev.unbind.subject.Defect;

import java.util.List;

/**
 * The DRM defect catalogue (PROTOCOLS.md §6(c) and §6(e)), one entry per defect and variant: the
 * property it breaks, the scenario and faults that expose it, and how its findings look.
 */
final class DrmDefects {
    static final String BASELINE = "drm.unregister-only";
    static final String UNPLUG = "drm.unplug-enter-exit";
    static final String FAILING_REGISTER = "fail:drm.core.drm_dev_register.modeset_register_all";

    private DrmDefects() {
    }

    static List<Defect> all() {
        return List.of(
                // ---- the unregister-only remove path
                Defect.of(BASELINE + ".unfiltered-ioctl", BASELINE, Kind.UAF)
                        .title("ioctls on an open fd still run after remove and read unmapped registers")
                        .because("drm_ioctl only tests dev->unplugged, which drm_dev_unregister never sets, so the "
                                + "handler reads registers devres unmapped when remove returned")
                        .reference("PROTOCOLS.md §6(c) D-R1")
                        .scenario("ioctl-after-remove").object("mmio").site("GET_PARAM*|detect*").build(),
                Defect.of(BASELINE + ".devm-kms-objects", BASELINE, Kind.UAF)
                        .title("KMS objects allocated with devm are freed at unbind while mode_config still lists them")
                        .because("devres frees the plane and connector right after remove, but the drm_device and its "
                                + "mode_config lists live until the last drm_dev_put, and every walk reads them")
                        .reference("PROTOCOLS.md §6(c) D-R3")
                        .scenario("ioctl-after-remove").object("drm_plane|drm_connector").build(),
                Defect.of(BASELINE + ".commit-work-after-remove", BASELINE, Kind.UAF)
                        .title("a queued nonblocking commit runs its tail after remove released the hardware")
                        .because("remove returns after the shutdown commit without waiting for a queued commit work, "
                                + "whose tail then programs registers and unmaps framebuffers through released resources")
                        .reference("PROTOCOLS.md §6(c) D-R2")
                        .scenario("commit-vs-remove").object("mmio|clk").site("plane update*|cleanup_fb*").build(),
                Defect.of(BASELINE + ".commit-work-unfenced", BASELINE, Kind.FENCE)
                        .title("commit work of the device still runs after remove returned")
                        .because("nothing in remove flushes or cancels the commit work a nonblocking commit queued")
                        .reference("PROTOCOLS.md §6(d) INV-D5")
                        .scenario("commit-vs-remove").site("commit_work").build(),
                Defect.of(BASELINE + ".drmm-action-in-unloaded-module", BASELINE, Kind.MODULE)
                        .title("the last close runs a drmm action whose module was unloaded")
                        .because("open fds pin only the module owning the fops; the panel helper's drmm action is "
                                + "called at the last drm_dev_put, after rmmod freed its code")
                        .reference("PROTOCOLS.md §6(c) D-R4")
                        .scenario("helper-rmmod-vs-close").site("panel_bridge_drmm_cleanup").build(),
                Defect.of(BASELINE + ".mapping-outlives-remove", BASELINE, Kind.UAF)
                        .title("user mappings of device memory survive remove")
                        .because("without drm_dev_unplug nobody zaps the anon inode's mappings, so the PTEs into the "
                                + "BAR stay and user accesses reach memory released at unbind")
                        .reference("PROTOCOLS.md §6(d) INV-D3")
                        .scenario("mmap-after-remove").object("mmio").site("user access through a PFN mapping*").build(),
                Defect.of(BASELINE + ".shutdown-failure-leaves-display-on", BASELINE, Kind.LEAK)
                        .title("when the shutdown helper cannot allocate its state, remove leaves the display scanning out")
                        .because("drm_atomic_helper_shutdown only logs a failed disable commit and remove returns "
                                + "anyway, so the CRTC keeps scanning out memory after its clock was released")
                        .reference("found by unbind (fail-nth sweep); drm_atomic_helper_shutdown error path")
                        .scenario("commit-then-remove").faults("fail:drm.core.drm_atomic_state_alloc:actor=remover")
                        .object("crtc_scanout").build(),
                Defect.of(BASELINE + ".register-failure-window", BASELINE, Kind.UAF)
                        .title("an fd opened while a failing drm_dev_register had the minor visible runs driver code on released resources")
                        .because("the error path unregisters the minor but never sets unplugged, so the fd's ioctls "
                                + "pass drm_ioctl's test after probe's devres released the hardware")
                        .reference("PROTOCOLS.md §6(e) 4")
                        .scenario("open-during-failing-register").faults(FAILING_REGISTER).object("mmio").build(),

                // ---- drm_dev_unplug + drm_dev_enter/exit, as the thread describes it
                Defect.of(UNPLUG + ".unbracketed-detect", UNPLUG, Kind.UAF)
                        .title("an ioctl that passed drm_ioctl's unplugged test reads registers in an unbracketed path")
                        .because("drm_ioctl's test is a hint, not a fence: connector->detect reads the HPD register "
                                + "without drm_dev_enter, so unplug's grace period does not wait for it")
                        .reference("PROTOCOLS.md §6(e) 1")
                        .scenario("ioctl-vs-remove").object("mmio").site("detect*").build(),
                Defect.of(UNPLUG + ".commit-cleanup-after-remove", UNPLUG, Kind.UAF)
                        .title("a queued commit's cleanup_fb runs after remove released the clock")
                        .because("only the hardware programming of the tail is bracketed; cleanup_fb unmaps the old "
                                + "framebuffer through the IOMMU clock after remove returned")
                        .reference("PROTOCOLS.md §6(c) D-R2")
                        .scenario("commit-vs-remove").object("clk").site("cleanup_fb*").build(),
                Defect.of(UNPLUG + ".commit-work-unfenced", UNPLUG, Kind.FENCE)
                        .title("commit work of the device still runs after remove returned")
                        .because("drm_dev_unplug drains drm_dev_enter sections, not the commit work queued before them")
                        .reference("PROTOCOLS.md §6(d) INV-D5")
                        .scenario("commit-vs-remove").site("commit_work").build(),
                Defect.of(UNPLUG + ".skipped-commit-never-signals", UNPLUG, Kind.HANG)
                        .title("a commit that skipped the hardware never signals flip_done, so shutdown stalls 10 s")
                        .because("after unplug the tail's drm_dev_enter fails and no vblank event ever comes; the "
                                + "shutdown commit then waits out the 10 s flip_done timeout")
                        .reference("PROTOCOLS.md §6(e) 3")
                        .scenario("commit-vs-remove").site("*flip_done*").build(),
                Defect.of(UNPLUG + ".shutdown-skipped", UNPLUG, Kind.LEAK)
                        .title("the hardware is left scanning out after remove")
                        .because("drm_dev_unplug runs before drm_atomic_helper_shutdown, whose CRTC disable is now "
                                + "inside drm_dev_enter and so is skipped")
                        .reference("PROTOCOLS.md §6(c) D-R5")
                        .scenario("commit-then-remove").object("crtc_scanout").build(),
                Defect.of(UNPLUG + ".sleeping-enter-section", UNPLUG, Kind.HANG)
                        .title("an ioctl sleeping inside drm_dev_enter blocks unplug forever")
                        .because("the waiter sleeps inside the global SRCU section for an event the departed device "
                                + "never raises, and unplug's synchronize_srcu waits for it without waking it")
                        .reference("PROTOCOLS.md §6(e) 2")
                        .scenario("blocked-waiter-vs-remove").site("synchronize_srcu(drm_unplug_srcu)*").build(),
                Defect.of(UNPLUG + ".drmm-action-in-unloaded-module", UNPLUG, Kind.MODULE)
                        .title("the last close runs a drmm action whose module was unloaded")
                        .because("drmm actions do not pin the module their code lives in, and nothing else pins the "
                                + "panel helper")
                        .reference("PROTOCOLS.md §6(c) D-R4")
                        .scenario("helper-rmmod-vs-close").site("panel_bridge_drmm_cleanup").build(),
                Defect.of(UNPLUG + ".register-failure-window", UNPLUG, Kind.UAF)
                        .title("an fd opened while a failing drm_dev_register had the minor visible runs driver code on released resources")
                        .because("the error path never unplugs, so drm_dev_enter succeeds for that fd after devres "
                                + "released the hardware")
                        .reference("PROTOCOLS.md §6(e) 4")
                        .scenario("open-during-failing-register").faults(FAILING_REGISTER).object("mmio").build());
    }
}
