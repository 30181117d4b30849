package dev.unbind.lincheck.uio;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.uio.UioLincheckSuite.LATE;
import static dev.unbind.lincheck.uio.UioLincheckSuite.check;

/**
 * uio.late-release (late_release, as posted): the daemon's close after the delete no longer
 * leaks, it calls into the driver after unregister returned; the core's interrupt race remains.
 */
class LateReleaseLincheckTest {
    @Test
    void closeVsDelete_closeCallsTheDriverAfterUnregister_lateReleaseAfterUnregister() {
        assertFinds(check(LATE, "close-vs-delete"));
    }

    @Test
    void randomOps_interruptNotifiesAFreedUioDevice_notifyAfterUnregister() {
        assertFinds(check(LATE, "random-ops"));
    }
}
