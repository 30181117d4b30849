package dev.unbind.lincheck.revocable;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.revocable.RevocableLincheckSuite.check;
import static dev.unbind.subjects.revocable.RevocableFamily.V5;

/**
 * revocable.fs-replace-v5 (fs_revocable_replace v5 with cros_ec_chardev, as posted): model
 * checking finds an EC event dereferencing the EC pointer v5 no longer sets at open, and the
 * failure names the catalogued defect.
 */
class FsReplaceV5LincheckTest {
    @Test
    void eventBeforeFirstFop_theNotifierReadsANullEcPointer_mkbpEventNullEcDev() {
        assertFinds(check(V5, "event-before-first-fop"));
    }
}
