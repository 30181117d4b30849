package dev.unbind.lincheck.drm;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.drm.DrmLincheckSuite.BASELINE;
import static dev.unbind.lincheck.drm.DrmLincheckSuite.check;
import static dev.unbind.lincheck.Verdicts.assertFinds;

/**
 * drm.unregister-only (remove calls drm_dev_unregister and the shutdown helper): model checking
 * finds each race, and the failure names the catalogued defect.
 */
class UnregisterOnlyLincheckTest {
    @Test
    void ioctlVsRemove_readsRegistersDevresUnmapped_unfilteredIoctl() {
        assertFinds(check(BASELINE, "ioctl-vs-remove"));
    }

    @Test
    void commitVsRemove_commitTailRunsOnReleasedHardware_commitWorkAfterRemove() {
        assertFinds(check(BASELINE, "commit-vs-remove"));
    }

    @Test
    void randomOps_lastPutWalksKmsObjectsDevresFreed_devmKmsObjects() {
        assertFinds(check(BASELINE, "random-ops"));
    }
}
