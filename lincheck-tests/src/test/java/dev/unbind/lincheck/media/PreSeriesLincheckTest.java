package dev.unbind.lincheck.media;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.media.MediaLincheckSuite.PRE;
import static dev.unbind.lincheck.media.MediaLincheckSuite.check;

/**
 * media.pre-series (mainline: the driver frees its media_device at unbind): model checking finds
 * an ioctl that passed the unlocked REGISTERED test racing unregister, and the failure names the
 * catalogued defect.
 *
 * <p>The variant's random exploration ({@code random-ops}, which must find {@code media.pre-series.inflight-ioctl-uaf})
 * is left to the nightly Lincheck engine: it loses only after about sixty interleavings, too slow
 * for every build.
 */
class PreSeriesLincheckTest {
    @Test
    void ioctlVsRemove_readsMediaDevAfterUnregisterClearedIt_inflightIoctlNullMediaDev() {
        assertFinds(check(PRE, "ioctl-vs-remove"));
    }
}
