package dev.unbind.lincheck.cdev;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.UNINVERTED;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.check;

/** cdev.sync-sketch-is-sync-uninverted: the sync open is reached, and cdev_sync_init never stored orig_fops. */
class SyncSketchIsSyncUninvertedLincheckTest {
    @Test
    void openThenRemove_openDereferencesNullFops_origFopsNeverStored() {
        assertFinds(check(UNINVERTED, "open-then-remove"));
    }
}
