package dev.unbind.lincheck.media;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertPasses;
import static dev.unbind.lincheck.media.MediaLincheckSuite.FENCED;
import static dev.unbind.lincheck.media.MediaLincheckSuite.check;

/**
 * media.refcounted-fenced (refcounted mode with an SRCU fence over file operations): every check
 * passes with its pinned sizes, both against the user-visible contract and the lifetime
 * properties.
 */
class RefcountedFencedLincheckTest {
    @Test
    void ioctlVsRemove_unregisterWaitsForTheWalkOrItSeesEio() {
        assertPasses(check(FENCED, "ioctl-vs-remove"));
    }

    @Test
    void setupLinkVsRemove_removeWaitsForLinkNotify() {
        assertPasses(check(FENCED, "setup-link-vs-remove"));
    }

    @Test
    void closeVsRemove_theFilesReferenceKeepsTheMediaDevice() {
        assertPasses(check(FENCED, "close-vs-remove"));
    }

    @Test
    void irqVsRemove_theInterruptIsFreedBeforeTheContext() {
        assertPasses(check(FENCED, "irq-vs-remove"));
    }

    @Test
    void rmmodVsClose_theOpenFilePinsBothModules() {
        assertPasses(check(FENCED, "rmmod-vs-close"));
    }

    @Test
    void randomOps_keepEveryProperty() {
        assertPasses(check(FENCED, "random-ops"));
    }
}
