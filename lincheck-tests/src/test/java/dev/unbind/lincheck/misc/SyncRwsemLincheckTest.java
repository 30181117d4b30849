package dev.unbind.lincheck.misc;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.misc.MiscLincheckSuite.RWSEM;
import static dev.unbind.lincheck.misc.MiscLincheckSuite.check;

/**
 * misc.sync-rwsem (misc_deregister_sync, rwsem flavour): the last close after remove reads the
 * freed shim table in fops_put, and the failure names the catalogued defect.
 */
class SyncRwsemLincheckTest {
    @Test
    void closeVsRemove_fopsPutReadsTheFreedShim_shimFreedBeforeFopsPut() {
        assertFinds(check(RWSEM, "close-vs-remove"));
    }
}
