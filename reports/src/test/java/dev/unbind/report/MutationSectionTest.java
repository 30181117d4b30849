package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.MutationResults;
import dev.unbind.result.MutationResults.Baseline;
import dev.unbind.result.MutationResults.Counts;
import dev.unbind.result.MutationResults.MutantResult;
import dev.unbind.result.MutationResults.Status;
import dev.unbind.result.MutationResults.VariantMutation;
import dev.unbind.result.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mutation section is there exactly when mutation.json is, and lists each survivor's line. */
class MutationSectionTest {
    private static final String SURVIVOR_LINE = "long rc = d.events.waitEventInterruptible(() -> d.eventPending);";

    @Test
    void survivorsLinesEquivalentsAndRates(@TempDir Path dir) throws IOException {
        List<MutantResult> ms = List.of(
                mutant("M1", Status.KILLED, "d.unplugged(true);", null),
                mutant("M2", Status.SURVIVED, SURVIVOR_LINE, "2 schedules, nothing found"),
                mutant("M3", Status.EQUIVALENT, "events.wakeUp();", "nobody waits on events"));
        VariantMutation v = new VariantMutation("drm", "drm.quiesced", List.of("DrmCore"), List.of("DrmSubject$Quiesced"),
                new Baseline(10, 0.5, true, true, "clean, every target explored"), ms, Counts.of(ms), 0, 0);
        new MutationResults(MutationResults.FORMAT, 10, 0.95, "3 preemption(s)", List.of(v)).write(dir);
        String md = render(dir);
        assertTrue(md.contains("Mutation testing: what no scenario exercises"), md);
        String survivors = md.substring(md.indexOf("What no scenario exercises"), md.indexOf("Equivalent mutants"));
        assertTrue(survivors.contains("`M2`") && survivors.contains("DrmSubject.java:42") && survivors.contains(SURVIVOR_LINE),
                survivors);
        assertFalse(survivors.contains("`M1`") || survivors.contains("`M3`"), survivors);
        assertTrue(md.contains("nobody waits on events"), md);
        assertTrue(md.contains("| [`drm.quiesced`](#drm.quiesced-mutation) | 3 | 1 | 1 | 0 | 1 | **50.0%** |"), md);
    }

    @Test
    void noMutationJsonNoSection(@TempDir Path dir) throws IOException {
        assertFalse(render(dir).contains("Mutation testing"));
    }

    private static String render(Path dir) throws IOException {
        Results r = ResultsFixture.results();
        new MarkdownReportWriter().write(Assessment.of(r), r, dir);
        return Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
    }

    private static MutantResult mutant(String id, Status status, String line, String reason) {
        return new MutantResult(id, "remove-drain DrmSubject$Quiesced.remove X#" + id, "remove-drain", "removed a call",
                "DrmSubject$Quiesced", "remove", "dev/unbind/subjects/drm/DrmSubject.java", 42, line, true, status,
                status == Status.KILLED ? "UAF" : null, status == Status.KILLED ? "ioctl-vs-remove" : null, null, 1.5,
                reason, null);
    }
}
