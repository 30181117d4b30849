package dev.unbind.lincheck.uio;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertPasses;
import static dev.unbind.lincheck.uio.UioLincheckSuite.FENCED;
import static dev.unbind.lincheck.uio.UioLincheckSuite.check;

/**
 * uio.fenced (the merged tcmu fix on a corrected uio core): every check passes with its pinned
 * sizes, both against the user-visible contract and the lifetime properties.
 */
class FencedLincheckTest {
    @Test
    void closeVsDelete_keepsEveryProperty() {
        assertPasses(check(FENCED, "close-vs-delete"));
    }

    @Test
    void readVsDelete_deleteWakesTheReaderWithEio() {
        assertPasses(check(FENCED, "read-vs-delete"));
    }

    @Test
    void platformIrqVsRemove_unregisterWaitsForANotifyInFlight() {
        assertPasses(check(FENCED, "platform-irq-vs-remove"));
    }

    @Test
    void randomOps_keepEveryProperty() {
        assertPasses(check(FENCED, "random-ops"));
    }
}
