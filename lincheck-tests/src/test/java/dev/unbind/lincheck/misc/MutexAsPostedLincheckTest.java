package dev.unbind.lincheck.misc;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.misc.MiscLincheckSuite.MUTEX;
import static dev.unbind.lincheck.misc.MiscLincheckSuite.check;

/**
 * misc.mutex-as-posted (the mutex variant as posted): the wrapper table has no compat_ioctl, so a
 * 32-bit process gets -ENOTTY, and the failure names the catalogued defect.
 */
class MutexAsPostedLincheckTest {
    @Test
    void opsAfterRemove_compatIoctlIsMissingFromTheWrapper_missingOps() {
        assertFinds(check(MUTEX, "ops-after-remove"));
    }
}
