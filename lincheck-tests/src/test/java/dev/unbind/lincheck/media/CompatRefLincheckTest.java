package dev.unbind.lincheck.media;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.media.MediaLincheckSuite.COMPAT;
import static dev.unbind.lincheck.media.MediaLincheckSuite.check;

/**
 * media.compat-ref (the series' compat ref, for a driver that still frees its media_device at
 * unbind): model checking finds calls that passed the unlocked ref->registered test reaching the
 * freed media_device, and the failure names the catalogued defect.
 *
 * <p>The variant's random exploration ({@code random-ops}, which must find {@code media.compat-ref.best-effort-window})
 * is left to the nightly Lincheck engine: it loses only after about sixty interleavings, too slow
 * for every build.
 */
class CompatRefLincheckTest {
    @Test
    void ioctlVsRemove_walksTheGraphInTheFreedMediaDevice_bestEffortWindow() {
        assertFinds(check(COMPAT, "ioctl-vs-remove"));
    }

    @Test
    void closeVsRemove_locksFhListLockInTheFreedMediaDevice_closeVsUnregister() {
        assertFinds(check(COMPAT, "close-vs-remove"));
    }
}
