package dev.unbind.lincheck.drm;

import dev.unbind.engine.lincheck.CustomScenario;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckChecks;
import dev.unbind.engine.lincheck.LincheckEngine;
import dev.unbind.finding.Kind;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Subjects;
import dev.unbind.subjects.drm.DrmFacade;
import dev.unbind.subjects.drm.DrmFamily;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.unbind.engine.lincheck.CustomScenario.op;
import static dev.unbind.subjects.drm.Drm.Ioctl.GETRESOURCES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lincheck engine over the real DRM suite: one run of two checks (a hang it must attribute to
 * the catalogued defect, and a check that wrongly expects a defect), journaled into a collecting
 * sink; and the budget and selection rules, which run nothing. How each outcome reads against its
 * expectation is {@code CheckVerdictTest}.
 */
class LincheckEngineTest {
    private static final Catalogue CATALOGUE = Catalogue.of(Subjects.of(List.of(new DrmFamily())));
    private static final List<Subjects.Selected> ALL = Subjects.of(List.of(new DrmFamily())).select(List.of("drm.*"));
    private static final String IMAGINARY = "drm.quiesced.imaginary-defect";
    private static final String UNPLUG = "drm.unplug-enter-exit";
    private static final String QUIESCED = "drm.quiesced";

    private static final CollectingSink SINK = new CollectingSink();
    private static LincheckEngine.Summary summary;

    @BeforeAll
    static void runTwoChecks() {
        LincheckCheck hang = LincheckChecks.find(new DrmFamily(), UNPLUG, "blocked-waiter-vs-remove");
        LincheckCheck wronglyExpectsADefect = LincheckCheck.finding(QUIESCED, "getresources-vs-rmmod", DrmFacade.class,
                () -> LincheckChecks.base(new DrmFamily().lincheck()).iterations(0).invocationsPerIteration(5)
                        .addCustomScenario(CustomScenario.of(DrmFacade.class)
                                .parallel(List.of(op("ioctl", GETRESOURCES)), List.of(op("rmmodHelper"))).build()),
                Set.of(IMAGINARY));
        LincheckEngine engine = new LincheckEngine(LincheckEngine.Options.of(Duration.ofMinutes(30)), CATALOGUE, SINK,
                List.of(hang, wronglyExpectsADefect));
        summary = engine.run(ALL);
    }

    @Test
    void summaryCountsChecksFailuresAndMissedExpectations() {
        assertEquals(2, summary.checks());
        assertEquals(1, summary.failures());
        assertEquals(1, summary.unexpected());
        assertEquals(0, summary.incomplete());
        assertEquals(0, summary.errors());
        assertEquals(2, SINK.runs.size());
        for (RunRecord r : SINK.runs) {
            assertEquals(LincheckEngine.ENGINE, r.engine());
            assertEquals("drm", r.family());
            assertEquals("ok", r.status(), r::note);
            assertTrue(r.runs() >= 1, () -> "invocations counted: " + r);
            assertTrue(r.seconds() > 0, r::toString);
        }
    }

    @Test
    void hang_isAttributedToTheCataloguedHangDefect() {
        RunRecord r = SINK.run(UNPLUG, "blocked-waiter-vs-remove");
        assertTrue(r.note().startsWith("The execution has hung"), r::note);
        List<FindingRecord> found = SINK.findings(UNPLUG, "blocked-waiter-vs-remove");
        assertEquals(1, found.size(), found::toString);
        FindingRecord f = found.get(0);
        assertEquals(UNPLUG + ".sleeping-enter-section", f.defect());
        assertEquals(Kind.HANG, f.finding().kind());
        assertTrue(f.finding().summary().contains("synchronize_srcu(drm_unplug_srcu)"), f.finding()::summary);
        String trace = UNPLUG + "/lincheck-blocked-waiter-vs-remove-trace";
        assertTrue(f.finding().detail().contains("The following interleaving"), "the detail has the interleaving");
        assertTrue(f.finding().detail().endsWith("Lincheck's detailed trace: " + trace + "\n"), f.finding()::detail);
        String whole = SINK.attached.get(trace);
        assertTrue(whole != null && whole.startsWith(f.finding().detail().substring(0, 40)), () -> "attached: " + SINK.attached.keySet());
        assertEquals(LincheckEngine.ENGINE, f.engine());
    }

    @Test
    void passOfACheckExpectingADefect_isNamedInTheNote() {
        RunRecord r = SINK.run(QUIESCED, "getresources-vs-rmmod");
        assertEquals("UNEXPECTED: passed, but expected to find " + IMAGINARY, r.note());
        assertTrue(SINK.findings(QUIESCED, "getresources-vs-rmmod").isEmpty());
    }

    @Test
    void noBudget_journalsEverySelectedCheckIncomplete_andRunsNone() {
        CollectingSink sink = new CollectingSink();
        LincheckEngine engine = new LincheckEngine(LincheckEngine.Options.of(Duration.ZERO), CATALOGUE, sink);
        LincheckEngine.Summary s = engine.run(ALL);
        int suiteSize = LincheckChecks.of(new DrmFamily()).size();
        assertEquals(0, s.checks());
        assertEquals(suiteSize, s.incomplete());
        assertEquals(suiteSize, sink.runs.size());
        assertTrue(sink.runs.stream().allMatch(x -> x.status().equals("incomplete") && x.runs() == 0), sink.runs::toString);
        assertTrue(sink.findings.isEmpty());
    }

    @Test
    void onlyTheSelectedVariantsChecksRun() {
        LincheckEngine engine = new LincheckEngine(LincheckEngine.Options.of(Duration.ZERO), CATALOGUE, new CollectingSink());
        List<LincheckCheck> checks = engine.checksOf(Subjects.of(List.of(new DrmFamily())).select(List.of(QUIESCED)));
        assertFalse(checks.isEmpty());
        assertTrue(checks.stream().allMatch(c -> c.variant().equals(QUIESCED) && c.must() == LincheckCheck.Must.PASS),
                checks::toString);
    }
}
