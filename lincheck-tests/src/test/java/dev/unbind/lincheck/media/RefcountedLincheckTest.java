package dev.unbind.lincheck.media;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.media.MediaLincheckSuite.REFCOUNTED;
import static dev.unbind.lincheck.media.MediaLincheckSuite.check;

/**
 * media.refcounted (the series' refcounted mode, ops->release frees the driver context): memory
 * of the media_device is safe, but model checking finds the driver's code and resources used
 * after remove, and the failure names the catalogued defect.
 *
 * <p>The variant's random exploration ({@code random-ops}, which must find {@code media.refcounted.link-notify-after-remove})
 * is left to the nightly Lincheck engine: it loses only after about sixty interleavings, too slow
 * for every build.
 */
class RefcountedLincheckTest {
    @Test
    void setupLinkVsRemove_linkNotifyRunsAfterRemoveReturned_linkNotifyAfterRemove() {
        assertFinds(check(REFCOUNTED, "setup-link-vs-remove"));
    }

    @Test
    void irqVsRemove_handlerRunsOnTheContextReleaseFreed_irqAfterRelease() {
        assertFinds(check(REFCOUNTED, "irq-vs-remove"));
    }
}
