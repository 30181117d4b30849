package dev.unbind.report;

import dev.unbind.finding.Kind;
import dev.unbind.result.Assessment;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ReadSideCost;
import dev.unbind.result.Results;
import dev.unbind.result.RunRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.unbind.report.ResultsFixture.BASELINE;
import static dev.unbind.report.ResultsFixture.FIXED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The family's one sentence, drawn from the fix verdicts and the costs of the assessment only. */
class RecommendationTest {
    /** The fixture with the fix's hang gone and its stress run completed: it keeps every property. */
    private static Results fixHolds(ReadSideCost fixReadSide) {
        Results r = ResultsFixture.results();
        List<RunRecord> runs = r.runs().stream().map(x -> !x.variant().equals(FIXED) ? x
                : x.engine().equals("stress") ? new RunRecord(x.engine(), x.family(), x.variant(), x.scenario(), x.faults(),
                x.runs(), x.seconds(), "ok", "", x.windows(), x.latencies(), null)
                : x.engine().equals("cost") ? new RunRecord(x.engine(), x.family(), x.variant(), x.scenario(), x.faults(),
                x.runs(), x.seconds(), x.status(), x.note(), x.windows(), x.latencies(), fixReadSide) : x).toList();
        List<FindingRecord> findings = r.findings().stream().filter(x -> !x.variant().equals(FIXED)).toList();
        return new Results(r.metas(), r.catalogue(), runs, findings);
    }

    private static String sentence(Results r) {
        return Assessment.of(r).families().get(0).recommendation().words();
    }

    @Test
    void aFixThatKeepsEveryProperty_isNamedWithWhatItCosts_andTheOthersWithWhatTheyLeave() {
        Results r = fixHolds(new ReadSideCost("ioctl(GET_PARAM)", 1_000_000, 5, 110.0, 99.0, 165.0));
        assertEquals("Keeps every property: " + FIXED + " (×2.75 read side, remove p99 ×1.50 with an fd open); "
                + BASELINE + " leaves UAF, ERRNO.", sentence(r));
    }

    @Test
    void aCostWithinTheNoise_isSaidSo_andNotRanked() {
        Results r = fixHolds(new ReadSideCost("ioctl(GET_PARAM)", 1_000_000, 5, 41.0, 30.0, 60.0));
        assertEquals("Keeps every property: " + FIXED + " (read side within noise, remove p99 ×1.50 with an fd open); "
                + BASELINE + " leaves UAF, ERRNO.", sentence(r), "the batch ranges of 40 ns and 41 ns overlap");
    }

    @Test
    void aFixThatFoundNothingInWhatWasCutShort_isNotProvenYet_neverAKeeper() {
        Results r = fixHolds(null);
        List<RunRecord> cut = r.runs().stream().map(x -> x.variant().equals(FIXED) && x.engine().equals("stress")
                ? new RunRecord(x.engine(), x.family(), x.variant(), x.scenario(), x.faults(), x.runs(), x.seconds(),
                "incomplete", "budget ran out", x.windows(), x.latencies(), null) : x).toList();
        assertEquals("Not proven yet: " + FIXED + " (nothing found in what ran, which was incomplete); " + BASELINE
                + " leaves UAF, ERRNO.", sentence(new Results(r.metas(), r.catalogue(), cut, r.findings())));
    }

    @Test
    void variantsThatLeaveTheSameProperties_areNamedTogether() {
        Results r = ResultsFixture.results();
        List<FindingRecord> same = r.findings().stream().map(x -> !x.variant().equals(FIXED) ? x
                : new FindingRecord(x.engine(), x.family(), x.variant(), x.scenario(), x.faults(), x.seed(), null,
                ResultsFixture.finding(Kind.UAF, "use-after-free", "drm_device#1"), List.of(), 1.0, 10, null)).toList();
        List<FindingRecord> withErrno = new java.util.ArrayList<>(same);
        withErrno.add(new FindingRecord("stress", ResultsFixture.FAMILY, FIXED, "ioctl-vs-unplug", "", 9L, null,
                ResultsFixture.finding(Kind.ERRNO, "poll returned -19 as a mask", "poll"), List.of(), 4.0, 3000, null));
        assertEquals("No variant keeps every property: " + BASELINE + ", " + FIXED + " leave UAF, ERRNO.",
                sentence(new Results(r.metas(), r.catalogue(), r.runs(), withErrno)));
    }
}
