package dev.unbind.lincheck.cdev;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.PLAIN;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.check;

/** cdev.plain (cdev_del, then kfree): model checking finds the fops that outlive remove. */
class PlainLincheckTest {
    @Test
    void ioctlVsRemove_ioctlRunsTheDriverOnFreedState_fopsAfterCdevDel() {
        assertFinds(check(PLAIN, "ioctl-vs-remove"));
    }

    @Test
    void randomOps_findTheDriverRunOnFreedState_fopsAfterCdevDel() {
        assertFinds(check(PLAIN, "random-ops"));
    }
}
