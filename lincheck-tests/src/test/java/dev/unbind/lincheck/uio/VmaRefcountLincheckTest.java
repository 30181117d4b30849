package dev.unbind.lincheck.uio;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.Verdicts.assertPasses;
import static dev.unbind.lincheck.uio.UioLincheckSuite.VMA;
import static dev.unbind.lincheck.uio.UioLincheckSuite.check;

/**
 * uio.vma-refcount (the merged tcmu fix, uio unchanged): the daemon's exit racing the delete keeps
 * every property; the uio core's interrupt race remains, and the failure names it.
 */
class VmaRefcountLincheckTest {
    @Test
    void closeVsDelete_theMappingHoldsTheReferenceAndCloseOwesNone() {
        assertPasses(check(VMA, "close-vs-delete"));
    }

    @Test
    void platformIrqVsRemove_interruptNotifiesAFreedUioDevice_notifyAfterUnregister() {
        assertFinds(check(VMA, "platform-irq-vs-remove"));
    }

    @Test
    void randomOps_interruptNotifiesAFreedUioDevice_notifyAfterUnregister() {
        assertFinds(check(VMA, "random-ops"));
    }
}
