package dev.unbind.lincheck.drm;

import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckChecks;
import dev.unbind.engine.lincheck.LincheckFailureReport;
import dev.unbind.result.Catalogue;
import dev.unbind.subject.Subjects;
import dev.unbind.subjects.drm.DrmFamily;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.unbind.lincheck.Verdicts.failure;
import static dev.unbind.lincheck.Verdicts.head;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * drm.unplug-enter-exit: the sleeping waiter is a hang, which Lincheck reports with the waits
 * that never end, and the engine attributes to the catalogued defect.
 */
class UnplugEnterExitLincheckTest {
    @Test
    void blockedWaiterVsRemove_unplugWaitsForeverForTheSleeper_sleepingEnterSection() {
        LincheckCheck c = LincheckChecks.find(new DrmFamily(), "drm.unplug-enter-exit", "blocked-waiter-vs-remove");
        String m = failure(c);
        assertTrue(m.contains("= The execution has hung ="), () -> "expected Lincheck's hang report:\n" + head(m));
        assertTrue(m.contains("spinUntil(\"synchronize_srcu(drm_unplug_srcu): readers of index"),
                () -> "remove must be waiting in synchronize_srcu:\n" + head(m));
        assertTrue(m.contains("spinUntil(\"wait_event_interruptible(drm_device.event_wait)\""),
                () -> "the waiter must be asleep on the event queue:\n" + head(m));
        Catalogue catalogue = Catalogue.of(Subjects.of(List.of(new DrmFamily())));
        LincheckFailureReport r = LincheckFailureReport.read(m, c.variant(), c.name(), catalogue);
        assertEquals(List.of("drm.unplug-enter-exit.sleeping-enter-section"), List.of(r.defectOf(r.findings().get(0)).id()));
    }
}
