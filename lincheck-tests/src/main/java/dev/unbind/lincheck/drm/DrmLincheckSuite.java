package dev.unbind.lincheck.drm;

import dev.unbind.lincheck.CheckFactory;
import dev.unbind.engine.lincheck.CustomScenario;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckSuite;
import dev.unbind.subjects.drm.Drm;

import java.util.ArrayList;
import java.util.List;

import static dev.unbind.engine.lincheck.CustomScenario.op;
import static dev.unbind.subjects.drm.Drm.Ioctl.ATOMIC_NONBLOCK;
import static dev.unbind.subjects.drm.Drm.Ioctl.DETECT;
import static dev.unbind.subjects.drm.Drm.Ioctl.GET_PARAM;
import static dev.unbind.subjects.drm.Drm.Ioctl.WAIT_EVENT;

/**
 * The Lincheck checks of the DRM family, per variant, with pinned sizes. Hand-written scenarios
 * pin each textbook race (named after the family's scenario of the same race); one random
 * exploration per variant looks around them. Model checking is seeded: every check finds the same
 * interleaving on every run.
 *
 * <p>A defective variant's check names the catalogued defect it must find; the quiesced variant's
 * checks must pass.
 */
public final class DrmLincheckSuite implements LincheckSuite {
    static final String BASELINE = "drm.unregister-only";
    static final String UNPLUG = "drm.unplug-enter-exit";
    static final String QUIESCED = "drm.quiesced";

    /**
     * Interleavings explored per hand-written scenario. A defect shows within the first few; a
     * passing check explores this many (about 0.05 s of CPU each).
     */
    static final int PINNED_INVOCATIONS = 60;
    /** Random exploration: a few small scenarios, each explored briefly. */
    static final int RANDOM_ITERATIONS = 3;
    static final int RANDOM_INVOCATIONS = 20;
    static final CheckFactory CHECKS = CheckFactory.of(DrmContract.class, DrmFacade.class, PINNED_INVOCATIONS, RANDOM_ITERATIONS, RANDOM_INVOCATIONS);
    @Override
    public List<LincheckCheck> checks() {
        List<LincheckCheck> all = new ArrayList<>();
        Class<DrmFacade.UnregisterOnly> baseline = DrmFacade.UnregisterOnly.class;
        all.add(ioctlVsRemove(BASELINE, baseline, GET_PARAM, BASELINE + ".unfiltered-ioctl"));
        all.add(commitVsRemove(BASELINE, baseline, BASELINE + ".commit-work-after-remove"));
        // Every run of this variant ends in devm-kms-objects (the last put after unbind walks KMS
        // objects devres freed), which also masks the helper-rmmod race: it is checked on the
        // unplug variant, where KMS objects are drmm.
        all.add(CHECKS.randomOps(BASELINE, baseline, BASELINE + ".devm-kms-objects"));

        Class<DrmFacade.UnplugEnterExit> unplug = DrmFacade.UnplugEnterExit.class;
        all.add(ioctlVsRemove(UNPLUG, unplug, DETECT, UNPLUG + ".unbracketed-detect"));
        all.add(blockedWaiterVsRemove(UNPLUG, unplug, UNPLUG + ".sleeping-enter-section"));
        // The first failing interleaving lets the commit enable scanout before remove: the shutdown
        // that follows unplug skips its own hardware writes and the display is left on.
        all.add(commitVsRemove(UNPLUG, unplug, UNPLUG + ".shutdown-skipped"));
        all.add(helperRmmodVsClose(UNPLUG, unplug, UNPLUG + ".drmm-action-in-unloaded-module"));
        all.add(CHECKS.randomOps(UNPLUG, unplug, UNPLUG + ".drmm-action-in-unloaded-module"));

        Class<DrmFacade.Quiesced> quiesced = DrmFacade.Quiesced.class;
        all.add(ioctlVsRemove(QUIESCED, quiesced, GET_PARAM, null));
        all.add(blockedWaiterVsRemove(QUIESCED, quiesced, null));
        all.add(commitVsRemove(QUIESCED, quiesced, null));
        all.add(helperRmmodVsClose(QUIESCED, quiesced, null));
        all.add(CHECKS.randomOps(QUIESCED, quiesced, null));
        return all;
    }

    /** CPU0 in an ioctl that reads the hardware, CPU1 unbinds: the canonical race of the family. */
    static LincheckCheck ioctlVsRemove(String variant, Class<?> facade, Drm.Ioctl hardware, String expected) {
        return CHECKS.pinned(variant, "ioctl-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("ioctl", hardware)), List.of(op("remove"))));
    }

    /** An ioctl sleeps for a hardware event (none ever comes) while the device is removed. */
    static LincheckCheck blockedWaiterVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "blocked-waiter-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("ioctl", WAIT_EVENT)), List.of(op("remove"))));
    }

    /** A nonblocking commit is queued and a kworker picks it up, while the device is removed. */
    static LincheckCheck commitVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "commit-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("ioctl", ATOMIC_NONBLOCK), op("kworker")), List.of(op("remove"))));
    }

    /** After remove, the panel helper module is unloaded while the last fd closes. */
    static LincheckCheck helperRmmodVsClose(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "helper-rmmod-vs-close", facade, expected,
                s -> s.initial(op("remove")).parallel(List.of(op("rmmodHelper")), List.of(op("close"))));
    }

    /** The check called {@code name} of {@code variant}. */
    public static LincheckCheck check(String variant, String name) {
        return CheckFactory.find(new DrmLincheckSuite(), variant, name);
    }
}
