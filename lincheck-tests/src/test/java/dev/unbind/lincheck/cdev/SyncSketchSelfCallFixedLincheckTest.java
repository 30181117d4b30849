package dev.unbind.lincheck.cdev;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.SELF_CALL;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.check;

/** cdev.sync-sketch-self-call-fixed: what is left is the sketch's design. */
class SyncSketchSelfCallFixedLincheckTest {
    @Test
    void ioctlVsRemove_fopStaysSyncFopsAndAnswersEnotty_fopsNotSwitched() {
        assertFinds(check(SELF_CALL, "ioctl-vs-remove"));
    }

    @Test
    void closeVsRemove_releaseReadsSyncThroughTheFreedCdev_releaseThroughICdev() {
        assertFinds(check(SELF_CALL, "close-vs-remove"));
    }
}
