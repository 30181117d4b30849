package dev.unbind.lincheck.uio;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.uio.UioLincheckSuite.MAINLINE;
import static dev.unbind.lincheck.uio.UioLincheckSuite.check;

/**
 * uio.mainline (mainline uio, tcmu before its fix): model checking finds each race, and the
 * failure names the catalogued defect.
 */
class MainlineLincheckTest {
    @Test
    void closeVsDelete_closeAfterDeleteNeverReachesTcmuRelease_tcmuLeak() {
        assertFinds(check(MAINLINE, "close-vs-delete"));
    }

    @Test
    void randomOps_interruptNotifiesAFreedUioDevice_notifyAfterUnregister() {
        assertFinds(check(MAINLINE, "random-ops"));
    }
}
