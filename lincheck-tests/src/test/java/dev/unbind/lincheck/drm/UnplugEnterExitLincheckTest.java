package dev.unbind.lincheck.drm;

import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckFailureReport;
import dev.unbind.result.Catalogue;
import dev.unbind.subject.Subjects;
import dev.unbind.subjects.drm.DrmFamily;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.unbind.lincheck.drm.DrmLincheckSuite.UNPLUG;
import static dev.unbind.lincheck.drm.DrmLincheckSuite.check;
import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.Verdicts.failure;
import static dev.unbind.lincheck.Verdicts.head;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * drm.unplug-enter-exit (drm_dev_unplug and drm_dev_enter/exit, as the thread describes it):
 * model checking finds each residual window, and the failure names the catalogued defect; the
 * sleeping waiter is a hang, which Lincheck reports with the waits that never end.
 */
class UnplugEnterExitLincheckTest {
    @Test
    void ioctlVsRemove_detectIsNotBracketed_unbracketedDetect() {
        assertFinds(check(UNPLUG, "ioctl-vs-remove"));
    }

    @Test
    void blockedWaiterVsRemove_unplugWaitsForeverForTheSleeper_sleepingEnterSection() {
        LincheckCheck c = check(UNPLUG, "blocked-waiter-vs-remove");
        String m = failure(c);
        assertTrue(m.contains("= The execution has hung ="), () -> "expected Lincheck's hang report:\n" + head(m));
        assertTrue(m.contains("spinUntil(\"synchronize_srcu(drm_unplug_srcu): readers of index"),
                () -> "remove must be waiting in synchronize_srcu:\n" + head(m));
        assertTrue(m.contains("spinUntil(\"wait_event_interruptible(drm_device.event_wait)\""),
                () -> "the waiter must be asleep on the event queue:\n" + head(m));
        Catalogue catalogue = Catalogue.of(Subjects.of(List.of(new DrmFamily())));
        LincheckFailureReport r = LincheckFailureReport.read(m, c.variant(), c.name(), catalogue);
        assertEquals(c.expectedDefect(), r.defectOf(r.findings().get(0)).id());
    }

    @Test
    void commitVsRemove_shutdownAfterUnplugSkipsItsWrites_shutdownSkipped() {
        assertFinds(check(UNPLUG, "commit-vs-remove"));
    }

    @Test
    void helperRmmodVsClose_lastCloseCallsIntoUnloadedHelper_drmmActionInUnloadedModule() {
        assertFinds(check(UNPLUG, "helper-rmmod-vs-close"));
    }

    @Test
    void randomOps_helperUnloadedBeforeTheLastPut_drmmActionInUnloadedModule() {
        assertFinds(check(UNPLUG, "random-ops"));
    }
}
