package dev.unbind.lincheck.cdev;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertPasses;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.FENCED;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.check;

/**
 * cdev.fenced (the fence that keeps every property): every check passes with its pinned sizes,
 * both against the user-visible contract and the lifetime properties.
 */
class FencedLincheckTest {
    @Test
    void ioctlVsRemove_ioctlFinishesBeforeTheRevokeOrGetsGone() {
        assertPasses(check(FENCED, "ioctl-vs-remove"));
    }

    @Test
    void closeVsRemove_stateLivesUntilTheLastClose() {
        assertPasses(check(FENCED, "close-vs-remove"));
    }

    @Test
    void randomOps_keepEveryProperty() {
        assertPasses(check(FENCED, "random-ops"));
    }
}
