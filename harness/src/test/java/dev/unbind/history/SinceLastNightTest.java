package dev.unbind.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tonight against last night: every kind of change lands where it belongs; one bug is one entry. */
class SinceLastNightTest {
    private static Night.Finding bug(String variant, String defect, String signature) {
        return new Night.Finding(variant, defect, signature, "UAF", "use-after-free of x", List.of("explorer"), 0.5);
    }

    private static Night.Verdict verdict(String variant, boolean fixed, boolean met, Map<String, String> defects) {
        return new Night.Verdict(variant, fixed, met, met ? List.of() : List.of("UAF"), defects, 40.0);
    }

    private static final Night.Verdict DEFECTIVE_FOUND = verdict("f.old", false, true, Map.of("f.old.a", "found", "f.old.b", "found"));

    private static Night night(String id, List<Night.Finding> findings, List<Night.Verdict> verdicts) {
        return new Night(id, "nightly", 1, true, findings, verdicts);
    }

    @Test
    void theSameNightAgain_changesNothing() {
        List<Night.Finding> found = List.of(bug("f.old", "f.old.a", "UAF|x|s1"), bug("f.old", "f.old.b", "UAF|y|s2"));
        Night one = night("2026-01-01T02:00:00Z", found, List.of(DEFECTIVE_FOUND, verdict("f.fix", true, true, Map.of())));
        Night two = night("2026-01-02T02:00:00Z", found, List.of(DEFECTIVE_FOUND, verdict("f.fix", true, true, Map.of())));
        SinceLastNight s = SinceLastNight.compare(List.of(one), two);
        assertEquals(one.id(), s.previous());
        assertTrue(s.newFindings().isEmpty() && s.fixed().isEmpty() && s.regressions().isEmpty() && s.notSeen().isEmpty(),
                s.toString());
        assertEquals(2, s.stillOpen().size());
        assertEquals(one.id(), s.stillOpen().get(0).firstSeen());
        assertEquals(2, s.stillOpen().get(0).nightsSeen());
    }

    @Test
    void aFixedVariantNewlyBroken_isARegression_andItsFindingIsNew() {
        Night one = night("2026-01-01T02:00:00Z", List.of(), List.of(verdict("f.fix", true, true, Map.of())));
        Night two = night("2026-01-02T02:00:00Z", List.of(bug("f.fix", null, "UAF|z|s3")),
                List.of(verdict("f.fix", true, false, Map.of())));
        SinceLastNight s = SinceLastNight.compare(List.of(one), two);
        assertEquals(List.of("f.fix"), s.regressions().stream().map(SinceLastNight.Entry::key).toList());
        assertTrue(s.regressions().get(0).why().contains("kept every property last night"));
        assertEquals(List.of("f.fix UAF|z|s3"), s.newFindings().stream().map(SinceLastNight.Entry::key).toList());
    }

    @Test
    void aCataloguedDefectLost_isARegressionWhenTheExplorerProvesIt_andNotSeenOtherwise() {
        Night one = night("2026-01-01T02:00:00Z", List.of(bug("f.old", "f.old.a", "UAF|x|s1"), bug("f.old", "f.old.b", "UAF|y|s2")),
                List.of(DEFECTIVE_FOUND));
        Night two = night("2026-01-02T02:00:00Z", List.of(),
                List.of(verdict("f.old", false, false, Map.of("f.old.a", "regression", "f.old.b", "unproven"))));
        SinceLastNight s = SinceLastNight.compare(List.of(one), two);
        assertEquals(List.of("f.old f.old.a"), s.regressions().stream().map(SinceLastNight.Entry::key).toList());
        assertEquals(List.of("f.old f.old.b"), s.notSeen().stream().map(SinceLastNight.Entry::key).toList());
        assertTrue(s.fixed().isEmpty(), "a defect a variant must show is never 'fixed'");
    }

    @Test
    void aBugGoneFromAVariantThatRan_isFixed_andOneThatDidNotRun_isNothing() {
        Night one = night("2026-01-01T02:00:00Z", List.of(bug("f.fix", null, "UAF|z|s3"), bug("g.fix", null, "UAF|w|s4")),
                List.of(verdict("f.fix", true, false, Map.of()), verdict("g.fix", true, false, Map.of())));
        Night two = night("2026-01-02T02:00:00Z", List.of(), List.of(verdict("f.fix", true, true, Map.of())));
        SinceLastNight s = SinceLastNight.compare(List.of(one), two);
        assertEquals(List.of("f.fix UAF|z|s3"), s.fixed().stream().map(SinceLastNight.Entry::key).toList());
        assertTrue(s.regressions().isEmpty() && s.notSeen().isEmpty() && s.newFindings().isEmpty());
    }

    @Test
    void theFirstNight_hasNothingToCompare_andEverythingIsNew() {
        Night one = night("2026-01-01T02:00:00Z", List.of(bug("f.old", "f.old.a", "UAF|x|s1")), List.of(DEFECTIVE_FOUND));
        SinceLastNight s = SinceLastNight.compare(List.of(), one);
        assertNull(s.previous());
        assertEquals(1, s.newFindings().size());
    }

    @Test
    void recordingANightTwice_keepsItOnce(@TempDir Path dir) throws IOException {
        Night one = night("2026-01-01T02:00:00Z", List.of(bug("f.old", "f.old.a", "UAF|x|s1")), List.of(DEFECTIVE_FOUND));
        History.record(dir, one);
        String first = Files.readString(dir.resolve(History.FILE));
        History.record(dir, one);
        assertEquals(first, Files.readString(dir.resolve(History.FILE)));
        assertEquals(List.of(one), History.read(dir));
        assertEquals(3, first.lines().count(), "a night line, a finding line, a verdict line");
    }

    @Test
    void trends_haveAValuePerNight() {
        Night one = night("2026-01-01T02:00:00Z", List.of(bug("f.old", "f.old.a", "UAF|x|s1")), List.of(DEFECTIVE_FOUND));
        Night two = night("2026-01-02T02:00:00Z", List.of(), List.of(verdict("f.old", false, true, Map.of())));
        SinceLastNight s = SinceLastNight.compare(List.of(one), two);
        assertEquals(1, s.detection().size());
        assertEquals(java.util.Arrays.asList(0.5, null), s.detection().get(0).values(), "no detection on night two");
        assertEquals(List.of(40.0, 40.0), s.readSide().get(0).values());
    }
}
