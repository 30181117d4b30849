package dev.unbind.subjects.drm;

import dev.unbind.kernel.Point;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Family;
import dev.unbind.subject.LincheckFacade;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The drm_dev_enter/exit family: registered with ServiceLoader. */
public final class DrmFamily implements Family<Drm> {
    /**
     * Lincheck: 60 interleavings per pinned scenario (a defect shows within the first few; a passing
     * check explores them all, about 0.05 s of CPU each); a random exploration of 3 small scenarios, 20 each.
     */
    private static final LincheckFacade LINCHECK = LincheckFacade.of(DrmFacade.class, DrmContract.class, 60, 3, 20);
    private static final List<Variant<Drm>> VARIANTS = List.of(
            new Variant<>("drm.unregister-only", "remove calls drm_dev_unregister and drm_atomic_helper_shutdown",
                    "The remove path most drivers use: no unplugged flag, ioctls unfiltered after unregister, KMS "
                            + "objects allocated with devm, nothing waits for a queued nonblocking commit.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new DrmModel(k, DrmSubject.UnregisterOnly::new)),
            new Variant<>("drm.unplug-enter-exit", "drm_dev_unplug, drm_dev_enter/exit around hardware, drmm for KMS",
                    "The fix as the thread describes it (seed 001): remove calls drm_dev_unplug, hardware accesses "
                            + "are bracketed, KMS objects are drmm. It leaves commit work, unbracketed paths, skipped "
                            + "flips, a skipped shutdown and drmm actions into unloaded modules.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new DrmModel(k, DrmSubject.UnplugEnterExit::new)),
            new Variant<>("drm.quiesced", "unplug that wakes sleepers, fences commit work, disables the hardware, pins modules",
                    "Every hardware access bracketed, remove marks the device dead and wakes sleepers before the "
                            + "grace period, flushes commit work, disables the hardware it still owns; skipped commits "
                            + "still signal; drmm actions pin their module; a failed register unplugs.",
                    Expectation.KEEPS_EVERY_PROPERTY,
                    k -> new DrmModel(k, DrmSubject.Quiesced::new)));

    @Override
    public String id() {
        return "drm";
    }

    @Override
    public String title() {
        return "DRM: drm_dev_enter/exit, drm_dev_unplug, devm vs drmm, commits vs remove";
    }

    @Override
    public String summary() {
        return "A DRM device is unbound while user space holds an fd, has a nonblocking commit queued, maps "
                + "device memory or sleeps in an ioctl. Compared: the unregister-only remove path, the "
                + "drm_dev_unplug + drm_dev_enter/exit fix as described on the list, and a fully quiesced remove.";
    }

    @Override
    public List<Variant<Drm>> variants() {
        return VARIANTS;
    }

    @Override
    public List<Scenario<Drm>> scenarios() {
        return DrmScenarios.all();
    }

    @Override
    public List<Defect> defects() {
        return DrmDefects.all();
    }

    @Override
    public ReadSide<Drm> readSide() {
        return DrmScenarios.readSide();
    }

    @Override
    public List<Point> points() {
        List<Point> all = new ArrayList<>(Point.declaredIn(DrmCore.class));
        all.addAll(Point.declaredIn(DisplayDriver.class));
        all.addAll(Point.declaredIn(DrmSubject.class));
        all.addAll(Point.declaredIn(dev.unbind.kernel.KernelPoints.class));
        return all;
    }

    @Override
    public LincheckFacade lincheck() {
        return LINCHECK;
    }

    @Override
    public Set<String> teardownOps() {
        return Set.of("remove", "close", "rmmod");
    }
}
