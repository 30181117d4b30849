package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.Results;
import dev.unbind.result.RunRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a catalogued defect that was not found counts as a detection regression; when a variant has no verdict. */
class AssessmentTest {
    private static String leakStatus(Results r) {
        return Assessment.of(r).families().get(0).variants().get(0).defects().stream()
                .filter(d -> d.defect().id().equals(ResultsFixture.LEAK_DEFECT)).findFirst().orElseThrow().status();
    }

    @Test
    void aDefectNotFound_whereTheExplorerCompletedItsScenarioUnderItsFaults_isARegression() {
        assertEquals(Assessment.REGRESSION, leakStatus(ResultsFixture.results()));
    }

    @Test
    void aDefectNotFound_whereOnlyAnotherFaultPlanOfItsScenarioCompleted_isUnproven() {
        Results r = ResultsFixture.results();
        List<RunRecord> withoutItsOwnTarget = r.runs().stream()
                .filter(x -> !(x.engine().equals("explorer") && x.scenario().equals("close-vs-unplug") && x.faults().isEmpty()))
                .toList();
        Results onlySweep = new Results(r.metas(), r.catalogue(), withoutItsOwnTarget, r.findings());
        assertEquals(Assessment.UNPROVEN, leakStatus(onlySweep), "the fail-nth sweep completing does not explore the plain schedules");
    }

    @Test
    void aVariantOnlyMeasuredForCost_hasNoVerdict_keptOrBroken() {
        Results r = ResultsFixture.results();
        List<RunRecord> costOnly = r.runs().stream().filter(x -> x.engine().equals("cost")).toList();
        Results measured = new Results(r.metas(), r.catalogue(), costOnly, List.of());
        Assessment.VariantView fixed = Assessment.of(measured).families().get(0).variants().stream()
                .filter(v -> v.info().id().equals(ResultsFixture.FIXED)).findFirst().orElseThrow();
        assertTrue(fixed.properties().stream().allMatch(c -> c.verdict().equals(Assessment.NOT_RUN)), fixed::toString);
        Assessment.VariantView checked = Assessment.of(r).families().get(0).variants().stream()
                .filter(v -> v.info().id().equals(ResultsFixture.FIXED)).findFirst().orElseThrow();
        assertTrue(checked.properties().stream().noneMatch(c -> c.verdict().equals(Assessment.NOT_RUN)));
    }
}
