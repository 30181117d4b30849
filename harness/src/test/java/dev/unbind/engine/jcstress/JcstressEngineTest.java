package dev.unbind.engine.jcstress;

import dev.unbind.finding.Kind;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Defect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's deterministic parts: where the jar is, how results become records, the count check, attribution. */
class JcstressEngineTest {
    private static final String QUIESCED = "drm.quiesced";
    private static final String BASELINE = "drm.unregister-only";
    private static final JcstressCase IOCTL = new JcstressCase("p.IoctlVsRemove.Quiesced", QUIESCED, "ioctl-vs-remove");
    private static final JcstressCase CLOSE = new JcstressCase("p.CloseVsRemove.Quiesced", QUIESCED, "close-vs-remove");

    private static final Defect UAF_IN_IOCTL_AFTER = Defect.of(BASELINE + ".unfiltered-ioctl", BASELINE, Kind.UAF)
            .scenario("ioctl-after-remove").build();
    private static final Defect UAF_IN_COMMIT = Defect.of(BASELINE + ".commit-work", BASELINE, Kind.UAF)
            .scenario("commit-vs-remove").build();
    private static final Defect FENCE_IN_COMMIT = Defect.of(BASELINE + ".unfenced", BASELINE, Kind.FENCE)
            .scenario("commit-vs-remove").build();
    private static final Catalogue CATALOGUE = new Catalogue(List.of(new Catalogue.FamilyInfo("drm", "", "", List.of(),
            List.of(), List.of(), List.of(UAF_IN_IOCTL_AFTER, UAF_IN_COMMIT, FENCE_IN_COMMIT))));

    /** Keeps what the engine journals. */
    static final class Collect implements ResultSink {
        final List<RunRecord> runs = new ArrayList<>();
        final List<FindingRecord> findings = new ArrayList<>();

        @Override
        public FindingRecord finding(FindingRecord f, FindingFile file) {
            findings.add(f);
            return f;
        }

        @Override
        public void run(RunRecord r) {
            runs.add(r);
        }

        @Override
        public void progress(String line) {
        }

        RunRecord runOf(JcstressCase t) {
            return runs.stream().filter(r -> r.scenario().equals(t.race())).findFirst().orElseThrow();
        }
    }

    private static JcstressEngine engine(Collect sink, Path dir) {
        return new JcstressEngine(JcstressEngine.Options.of(dir, Duration.ofMinutes(1)), CATALOGUE, sink);
    }

    private static CaseOutcome outcome(JcstressCase t, CaseOutcome.Word... words) {
        long samples = 0;
        for (CaseOutcome.Word w : words) {
            samples += w.count();
        }
        return new CaseOutcome(t.name(), "NORMAL", samples, List.of(words), List.of());
    }

    private static JcstressProcess.Result exited(int code) {
        return new JcstressProcess.Result(code, false, Path.of("jcstress-results-x.bin.gz"), 20);
    }

    @Test
    void jar_comesFromThePropertyFirst_thenFromTheHome_elseNowhere() {
        assertEquals(Path.of("elsewhere", "j.jar"), JcstressEngine.locateJar(Path.of("elsewhere", "j.jar").toString(), "repo"));
        assertEquals(Path.of("repo", "jcstress-tests", "target", "jcstress.jar"), JcstressEngine.locateJar(null, "repo"));
        assertEquals(Path.of("repo", "jcstress-tests", "target", "jcstress.jar"), JcstressEngine.locateJar(" ", "repo"));
        assertNull(JcstressEngine.locateJar(null, null));
    }

    @Test
    void missingJar_givesOneSkippedRecord_notAnException(@TempDir Path dir) {
        Path nowhere = dir.resolve("no-such.jar");
        String before = System.getProperty(JcstressEngine.JAR_PROPERTY);
        System.setProperty(JcstressEngine.JAR_PROPERTY, nowhere.toString());
        try {
            Collect sink = new Collect();
            JcstressEngine.Summary s = engine(sink, dir).run(List.of());
            assertEquals(1, sink.runs.size());
            assertEquals("skipped", sink.runs.get(0).status());
            assertTrue(sink.runs.get(0).note().contains(nowhere.toString()), sink.runs.get(0).note());
            assertEquals(0, s.ran());
        } finally {
            if (before == null) {
                System.clearProperty(JcstressEngine.JAR_PROPERTY);
            } else {
                System.setProperty(JcstressEngine.JAR_PROPERTY, before);
            }
        }
    }

    @Test
    void forbiddenPropertyWord_becomesAFinding_andCountsAsForbidden(@TempDir Path dir) {
        Collect sink = new Collect();
        JcstressEngine.Tally tally = new JcstressEngine.Tally();
        engine(sink, dir).journalBatch("drm", QUIESCED, List.of(IOCTL),
                exited(1), List.of(outcome(IOCTL, new CaseOutcome.Word("ok", 98, "ACCEPTABLE"),
                        new CaseOutcome.Word("use-after-free", 2, "FORBIDDEN"))), List.of(), dir, 20, tally);

        RunRecord r = sink.runOf(IOCTL);
        assertEquals(List.of("jcstress", "drm", QUIESCED, "ok", 100L),
                List.of(r.engine(), r.family(), r.variant(), r.status(), r.runs()));
        assertTrue(r.note().contains("use-after-free=2 (FORBIDDEN)"), r.note());
        assertEquals(1, sink.findings.size());
        FindingRecord f = sink.findings.get(0);
        assertEquals(Kind.UAF, f.finding().kind());
        assertEquals("JCStress observed 'use-after-free' 2 times in p.IoctlVsRemove.Quiesced", f.finding().summary());
        assertEquals(List.of(), f.finding().witness());
        assertEquals("ioctl-vs-remove", f.scenario());
        assertNull(f.defect(), "a fixed variant has no catalogued defects");
        assertEquals(List.of(1, 1, 2L, 0), List.of(tally.ran, tally.forbiddenTests, tally.forbiddenSamples, tally.failedRecords));
    }

    @Test
    void okAndAcceptableWords_andZeroCounts_giveNoFinding(@TempDir Path dir) {
        Collect sink = new Collect();
        engine(sink, dir).journalBatch("drm", QUIESCED, List.of(IOCTL), exited(0),
                List.of(outcome(IOCTL, new CaseOutcome.Word("ok", 50, "ACCEPTABLE"),
                        new CaseOutcome.Word("enodev", 50, "ACCEPTABLE"),
                        new CaseOutcome.Word("use-after-free", 0, "FORBIDDEN"))), List.of(), dir, 20, new JcstressEngine.Tally());
        assertEquals(List.of(), sink.findings);
        assertEquals("ok", sink.runOf(IOCTL).status());
    }

    @Test
    void countCheck_aSelectedTestWithoutResults_isAnError(@TempDir Path dir) {
        Collect sink = new Collect();
        JcstressEngine.Tally tally = new JcstressEngine.Tally();
        engine(sink, dir).journalBatch("drm", QUIESCED, List.of(IOCTL, CLOSE), exited(0),
                List.of(outcome(IOCTL, new CaseOutcome.Word("ok", 10, "ACCEPTABLE"))), List.of(), dir, 20, tally);
        assertEquals("ok", sink.runOf(IOCTL).status());
        RunRecord missing = sink.runOf(CLOSE);
        assertEquals("error", missing.status());
        assertTrue(missing.note().startsWith("no results for p.CloseVsRemove.Quiesced: JCStress exited 0"), missing.note());
        assertEquals(List.of(1, 1), List.of(tally.ran, tally.failedRecords));
    }

    @Test
    void countCheck_noResultsAtAll_areErrorsNamingTheLog(@TempDir Path dir) {
        Collect sink = new Collect();
        engine(sink, dir).journalBatch("drm", QUIESCED, List.of(IOCTL, CLOSE), new JcstressProcess.Result(0, false, null, 4),
                List.of(), List.of(), dir, 4, new JcstressEngine.Tally());
        assertEquals(List.of("error", "error"), sink.runs.stream().map(RunRecord::status).toList());
        assertTrue(sink.runs.get(0).note().contains("without writing results"), sink.runs.get(0).note());
        assertTrue(sink.runs.get(0).note().contains(JcstressProcess.LOG), sink.runs.get(0).note());
    }

    @Test
    void stoppedAtTheBudget_testsWithoutResultsAreIncomplete(@TempDir Path dir) {
        Collect sink = new Collect();
        engine(sink, dir).journalBatch("drm", QUIESCED, List.of(IOCTL), new JcstressProcess.Result(-1, true, null, 60),
                List.of(), List.of(), dir, 60, new JcstressEngine.Tally());
        assertEquals("incomplete", sink.runOf(IOCTL).status());
        assertTrue(sink.runOf(IOCTL).note().contains("stopped at the budget"), sink.runOf(IOCTL).note());
    }

    @Test
    void wordThatNamesNoProperty_andIsNotAcceptable_makesTheRunAnError(@TempDir Path dir) {
        Collect sink = new Collect();
        engine(sink, dir).journalBatch("drm", QUIESCED, List.of(IOCTL), exited(1),
                List.of(outcome(IOCTL, new CaseOutcome.Word("uaf", 3, "FORBIDDEN"))), List.of(), dir, 20,
                new JcstressEngine.Tally());
        assertEquals("error", sink.runOf(IOCTL).status());
        assertTrue(sink.runOf(IOCTL).note().contains("[uaf]"), sink.runOf(IOCTL).note());
        assertEquals(List.of(), sink.findings);
    }

    @Test
    void testThatJcstressCouldNotRun_isAnErrorWithItsMessage(@TempDir Path dir) {
        Collect sink = new Collect();
        engine(sink, dir).journalBatch("drm", QUIESCED, List.of(IOCTL), exited(1),
                List.of(new CaseOutcome(IOCTL.name(), "TEST_ERROR", 0, List.of(), List.of("java.lang.IllegalStateException: model error"))),
                List.of(), dir, 20, new JcstressEngine.Tally());
        RunRecord r = sink.runOf(IOCTL);
        assertEquals("error", r.status());
        assertTrue(r.note().contains("TEST_ERROR: java.lang.IllegalStateException: model error"), r.note());
    }

    @Test
    void attribution_prefersTheRace_thenAnyDefectOfTheProperty_elseNone() {
        assertEquals(UAF_IN_COMMIT, JcstressEngine.attribute(CATALOGUE, BASELINE, "commit-vs-remove", Kind.UAF));
        assertEquals(FENCE_IN_COMMIT, JcstressEngine.attribute(CATALOGUE, BASELINE, "commit-vs-remove", Kind.FENCE));
        assertEquals(UAF_IN_IOCTL_AFTER, JcstressEngine.attribute(CATALOGUE, BASELINE, "close-vs-remove", Kind.UAF));
        assertNull(JcstressEngine.attribute(CATALOGUE, BASELINE, "commit-vs-remove", Kind.HANG));
        assertNull(JcstressEngine.attribute(CATALOGUE, QUIESCED, "commit-vs-remove", Kind.UAF));
    }

    @Test
    void baselineFinding_isAttributedToItsDefectInThatRace(@TempDir Path dir) {
        Collect sink = new Collect();
        JcstressCase commit = new JcstressCase("p.CommitVsRemove.UnregisterOnly", BASELINE, "commit-vs-remove");
        engine(sink, dir).journalBatch("drm", BASELINE, List.of(commit), exited(0),
                List.of(outcome(commit, new CaseOutcome.Word("fence", 4, "ACCEPTABLE_INTERESTING"),
                        new CaseOutcome.Word("use-after-free", 6, "ACCEPTABLE_INTERESTING"))), List.of(), dir, 20,
                new JcstressEngine.Tally());
        assertEquals(List.of(FENCE_IN_COMMIT.id(), UAF_IN_COMMIT.id()), sink.findings.stream().map(FindingRecord::defect).toList());
    }
}
