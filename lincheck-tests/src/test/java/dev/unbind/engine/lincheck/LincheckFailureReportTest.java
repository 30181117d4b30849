package dev.unbind.engine.lincheck;

import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.result.Catalogue;
import dev.unbind.subject.Subjects;
import dev.unbind.subjects.drm.DrmFamily;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading Lincheck's failure messages back as findings (messages abridged from real runs). */
class LincheckFailureReportTest {
    private static final Catalogue CATALOGUE = Catalogue.of(Subjects.of(List.of(new DrmFamily())));

    private static final String VALIDATION = """
            = Validation function validate has failed =
            | ------------------------------------------- |
            |          Thread 1          |    Thread 2    |
            | ioctl(GET_PARAM): ok       | remove(): void |
            | validate(): KernelFindings |                |

            #1: dev.unbind.lincheck.drm.DrmFacade$KernelFindings: unbind finding [drm.unregister-only.unfiltered-ioctl] UAF: use-after-free: user GET_PARAM: read a status register on mmio#1 freed by remover
            unbind finding [not in the catalogue] LEAK: leak: crtc_scanout#1 is still allocated at quiescence
            \tat dev.unbind.lincheck.drm.DrmFacade.validate(DrmFacade.java:153)

            The following interleaving leads to the error:
            """;

    private static final String HUNG = """
            = The execution has hung =
            | ioctl(WAIT_EVENT): <hung> | remove(): <hung> |

            The following interleaving leads to the error:
            |   spinUntil("wait_event_interruptible(drm_device.event_wait)", WaitQueue$1, Actor#3, INTERRUPTIBLE, -1) |  |
            |  |   spinUntil("synchronize_srcu(drm_unplug_srcu): readers of index 0; user inside since drm.core.drm_ioctl.after-unplugged-check", Srcu$1, Actor#5, UNINTERRUPTIBLE, -1) |
            """;

    @Test
    void validationFailure_givesOneFindingPerNamedLine_withItsDefect() {
        LincheckFailureReport r = LincheckFailureReport.read(VALIDATION, "drm.unregister-only", "ioctl-vs-remove", CATALOGUE);
        assertEquals("Validation function validate has failed", r.headline());
        assertFalse(r.timedOut());
        assertEquals(2, r.findings().size());
        Finding uaf = r.findings().get(0);
        assertEquals(Kind.UAF, uaf.kind());
        assertEquals("use-after-free: user GET_PARAM: read a status register on mmio#1 freed by remover", uaf.summary());
        assertEquals("drm.unregister-only.unfiltered-ioctl", r.defectOf(uaf).id());
        assertEquals(VALIDATION, uaf.detail());
        Finding leak = r.findings().get(1);
        assertEquals(Kind.LEAK, leak.kind());
        assertNull(r.defectOf(leak));
    }

    @Test
    void detailedTrace_isLeftOutOfTheFindings_butItsWaitsAreRead() {
        String message = HUNG + "\nDetailed trace:\n| " + " ".repeat(5000) + " |\n";
        LincheckFailureReport r = LincheckFailureReport.read(message, "drm.unplug-enter-exit", "blocked-waiter-vs-remove", CATALOGUE);
        assertEquals(HUNG + "\n", r.findings().get(0).detail());
        assertEquals(2, r.findings().get(0).sites().size());
        assertEquals(VALIDATION, LincheckFailureReport.withoutDetailedTrace(VALIDATION));
    }

    @Test
    void hang_namesEveryWait_andIsAttributedThroughTheCatalogue() {
        LincheckFailureReport r = LincheckFailureReport.read(HUNG, "drm.unplug-enter-exit", "blocked-waiter-vs-remove", CATALOGUE);
        assertEquals(1, r.findings().size());
        Finding f = r.findings().get(0);
        assertEquals(Kind.HANG, f.kind());
        assertEquals(2, f.sites().size());
        assertTrue(f.summary().contains("wait_event_interruptible(drm_device.event_wait)"), f::summary);
        assertTrue(f.summary().contains("synchronize_srcu(drm_unplug_srcu)"), f::summary);
        assertEquals("drm.unplug-enter-exit.sleeping-enter-section", r.defectOf(f).id());
    }

    @Test
    void timeout_isNoFinding() {
        LincheckFailureReport r = LincheckFailureReport.read("= The execution has hung, see the thread dump =\n| a | b |\n",
                "drm.quiesced", "ioctl-vs-remove", CATALOGUE);
        assertTrue(r.timedOut());
        assertTrue(r.findings().isEmpty());
    }

    @Test
    void invalidResults_isAnErrnoFinding() {
        LincheckFailureReport r = LincheckFailureReport.read("= Invalid execution results =\n| ioctl(DETECT): ok | remove(): void |\n",
                "drm.quiesced", "random-ops", CATALOGUE);
        assertEquals(Kind.ERRNO, r.findings().get(0).kind());
        assertNull(r.defectOf(r.findings().get(0)));
    }

    @Test
    void findingMessage_roundTrips() {
        Finding f = new Finding(Kind.MODULE, "call into unloaded module panel_helper: x", "", List.of(), List.of(), List.of(), "");
        String line = FindingMessage.line(List.of("drm.unplug-enter-exit.drmm-action-in-unloaded-module"), f);
        assertEquals("unbind finding [drm.unplug-enter-exit.drmm-action-in-unloaded-module] MODULE: call into unloaded module panel_helper: x", line);
        FindingMessage.Named n = FindingMessage.first("noise\n" + line + "\nmore").orElseThrow();
        assertEquals(List.of("drm.unplug-enter-exit.drmm-action-in-unloaded-module"), n.defects());
        assertEquals(Kind.MODULE, n.kind());
        assertEquals(List.of(), FindingMessage.first(FindingMessage.line(List.of(), f)).orElseThrow().defects());
    }
}
