package dev.unbind.lincheck.drm;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.drm.DrmLincheckSuite.QUIESCED;
import static dev.unbind.lincheck.drm.DrmLincheckSuite.check;
import static dev.unbind.lincheck.Verdicts.assertPasses;

/**
 * drm.quiesced (the remove that keeps every property): every check passes with its pinned sizes,
 * both against the user-visible contract and the lifetime properties.
 */
class QuiescedLincheckTest {
    @Test
    void ioctlVsRemove_keepsEveryProperty() {
        assertPasses(check(QUIESCED, "ioctl-vs-remove"));
    }

    @Test
    void blockedWaiterVsRemove_removeWakesTheSleeper() {
        assertPasses(check(QUIESCED, "blocked-waiter-vs-remove"));
    }

    @Test
    void commitVsRemove_removeFlushesTheCommitWork() {
        assertPasses(check(QUIESCED, "commit-vs-remove"));
    }

    @Test
    void helperRmmodVsClose_theDrmmActionPinsTheHelper() {
        assertPasses(check(QUIESCED, "helper-rmmod-vs-close"));
    }

    @Test
    void randomOps_keepEveryProperty() {
        assertPasses(check(QUIESCED, "random-ops"));
    }
}
