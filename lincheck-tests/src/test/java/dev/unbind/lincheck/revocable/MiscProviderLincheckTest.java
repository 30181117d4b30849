package dev.unbind.lincheck.revocable;

import dev.unbind.engine.lincheck.LincheckChecks;
import dev.unbind.subjects.revocable.RevocableFamily;
import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.Verdicts.head;
import static dev.unbind.subjects.revocable.RevocableFamily.MISC;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * revocable.misc-provider (the miscdevice as its own revocable resource, as posted): model
 * checking finds the calls after misc_deregister going wrong, and the failure names the
 * catalogued defect.
 */
class MiscProviderLincheckTest {
    @Test
    void opsAfterRemove_pollReturnsMinusEnodevAsItsMask_pollReturnsErrno() {
        String m = assertFinds(LincheckChecks.find(new RevocableFamily(), MISC, "ops-after-remove"));
        assertTrue(m.contains(MISC + ".release-skipped-after-revoke"),
                () -> "the close at exit, after misc_deregister, must also leak the driver's file state:\n" + head(m));
    }
}
