package dev.unbind.lincheck.cdev;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.SKETCH;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.check;

/** cdev.sync-sketch-as-posted: the inverted is_sync test hides the driver from every file. */
class SyncSketchAsPostedLincheckTest {
    @Test
    void ioctlVsRemove_liveDeviceAnswersEnotty_invertedIsSync() {
        assertFinds(check(SKETCH, "ioctl-vs-remove"));
    }
}
