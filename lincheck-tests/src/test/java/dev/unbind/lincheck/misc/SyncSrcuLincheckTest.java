package dev.unbind.lincheck.misc;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.misc.MiscLincheckSuite.SRCU;
import static dev.unbind.lincheck.misc.MiscLincheckSuite.check;

/**
 * misc.sync-srcu (misc_deregister_sync, SRCU flavour): poll on the fd after remove returns the
 * shim's -ENODEV where a poll mask belongs, and the failure names the catalogued defect.
 */
class SyncSrcuLincheckTest {
    @Test
    void opsAfterRemove_pollReturnsAnErrno_pollErrnoAsMask() {
        assertFinds(check(SRCU, "ops-after-remove"));
    }
}
