package dev.unbind.lincheck.misc;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.misc.MiscLincheckSuite.BASELINE;
import static dev.unbind.lincheck.misc.MiscLincheckSuite.check;

/**
 * misc.deregister-only (cros_ec_chardev on mainline misc.c): model checking finds the ioctl that
 * remove overtakes, and the failure names the catalogued defect.
 */
class DeregisterOnlyLincheckTest {
    @Test
    void xcmdVsRemove_ioctlLocksTheFreedEc_callAfterRemove() {
        assertFinds(check(BASELINE, "xcmd-vs-remove"));
    }
}
