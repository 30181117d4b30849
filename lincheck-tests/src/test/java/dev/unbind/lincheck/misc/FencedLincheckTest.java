package dev.unbind.lincheck.misc;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertPasses;
import static dev.unbind.lincheck.misc.MiscLincheckSuite.FENCED;
import static dev.unbind.lincheck.misc.MiscLincheckSuite.check;

/**
 * misc.fenced (the deregister that keeps every property): the textbook races and the random
 * exploration pass with their pinned sizes, against the user-visible contract and the lifetime
 * properties. (close-vs-remove and ops-after-remove pass too; they run nightly, not here, to keep
 * the family's tests within their time.)
 */
class FencedLincheckTest {
    @Test
    void xcmdVsRemove_theFenceWaitsForTheInFlightIoctl() {
        assertPasses(check(FENCED, "xcmd-vs-remove"));
    }

    @Test
    void blockedReaderVsRemove_removeWakesTheSleeperBeforeFencing() {
        assertPasses(check(FENCED, "blocked-reader-vs-remove"));
    }

    @Test
    void randomOps_keepEveryProperty() {
        assertPasses(check(FENCED, "random-ops"));
    }
}
