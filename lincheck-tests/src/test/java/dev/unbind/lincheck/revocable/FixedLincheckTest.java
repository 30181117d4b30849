package dev.unbind.lincheck.revocable;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertPasses;
import static dev.unbind.lincheck.revocable.RevocableLincheckSuite.check;
import static dev.unbind.subjects.revocable.RevocableFamily.FIXED;

/**
 * revocable.fixed (the corrected fs_revocable): every check passes with its pinned sizes, both
 * against the user-visible contract and the lifetime properties.
 */
class FixedLincheckTest {
    @Test
    void opsAfterRemove_pollHangsUpCompatIoctlFailsAndTheCloseReleases() {
        assertPasses(check(FIXED, "ops-after-remove"));
    }

    @Test
    void eventBeforeFirstFop_theOpenSetTheEcPointer() {
        assertPasses(check(FIXED, "event-before-first-fop"));
    }

    @Test
    void ioctlVsRemove_keepsEveryProperty() {
        assertPasses(check(FIXED, "ioctl-vs-remove"));
    }

    @Test
    void blockedReaderVsRemove_theRevokeWakesTheSleeper() {
        assertPasses(check(FIXED, "blocked-reader-vs-remove"));
    }

    @Test
    void randomOps_keepEveryProperty() {
        assertPasses(check(FIXED, "random-ops"));
    }
}
