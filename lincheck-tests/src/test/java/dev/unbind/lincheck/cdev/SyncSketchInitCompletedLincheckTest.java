package dev.unbind.lincheck.cdev;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.INIT;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.check;

/** cdev.sync-sketch-init-completed: the sync open calls itself through filp->f_op. */
class SyncSketchInitCompletedLincheckTest {
    @Test
    void open_syncOpenRecursesWithoutEnd_openCallsItself() {
        assertFinds(check(INIT, "open"));
    }
}
