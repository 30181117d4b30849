package dev.unbind.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unbind.result.Catalogue;
import dev.unbind.result.Journal;
import dev.unbind.result.Meta;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Subjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;


import static dev.unbind.cli.CliTest.unbind;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Honest verdicts at the command line: a run that was cut says INCOMPLETE and exits 4 (a signal
 * handled in-process, a real SIGTERM, a journal without an end marker), --strict fails on unseen
 * defects, repro rejects a tampered schedule and explains a real one, and bad input says what is
 * wrong in words.
 */
class VerdictsCliTest {
    /** A journal as a run leaves it: start line, catalogue, one run of the explorer over drm.quiesced. */
    private static void journal(Path dir, boolean ended) {
        try (Journal j = Journal.open(dir)) {
            Meta m = new Meta("nightly", List.of("drm.*"), "PT1M", 1, "2026-01-01T00:00:00Z", "", "host", "17");
            j.meta(m);
            j.catalogue(Catalogue.of(Subjects.load()));
            j.run(RunRecord.of("explorer", "drm", "drm.quiesced", "ioctl-vs-remove", "", 10, 1.0, "ok", ""));
            if (ended) {
                j.meta(m.finished("2026-01-01T00:01:00Z"));
            }
        }
    }

    @Test
    void aJournalWithoutItsEndMarker_isReportedIncomplete_andExits4(@TempDir Path dir) {
        journal(dir, false);
        CliTest.Run r = unbind("report", dir.toString());
        assertEquals(4, r.code(), r.out());
        assertTrue(r.out().contains("run: INCOMPLETE — nightly left no end marker in the journal"), r.out());
        assertTrue(r.out().contains("verdict: INCOMPLETE"), r.out());
        String row = r.out().lines().filter(l -> l.strip().startsWith("drm.quiesced ")).findFirst().orElseThrow();
        assertTrue(row.matches(".*keeps every property\\s+met so far\\s+incomplete: no violation in what ran, but .*"),
                "never met, never kept in a cut run: " + row);
    }

    @Test
    void aSignal_writesTheEndMarkerAndTheReports_andGivesExit4_aSecondOneStopsAtOnce(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int[] exited = {-1};
        try (Workspace ws = Workspace.start(dir, "nightly", List.of("drm.*"), Duration.ofMinutes(1), 1, 0, Subjects.load(), e, false)) {
            ws.sink.run(RunRecord.of("explorer", "drm", "drm.quiesced", "ioctl-vs-remove", "", 10, 1.0, "ok", ""));
            Interruption stop = new Interruption(ws, e, () -> Summary.conclude(dir, o), code -> exited[0] = code);
            assertEquals(4, stop.stop("SIGTERM"));
            assertEquals(130, stop.stop("SIGINT"), "a second signal while the first is handled");
        }
        assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count(), "one line: " + err);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("unbind: SIGTERM after "), err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("verdict: INCOMPLETE"), out.toString());
        Meta end = Journal.read(dir).metas().get(0);
        assertTrue(end.status().startsWith("interrupted by SIGTERM after "), end.toString());
        assertEquals(4, unbind("report", dir.toString()).code(), "the end marker keeps the run incomplete when rendered again");
    }

    @Test
    void sigtermInTheMiddleOfANightly_exits4_andTheJournalSaysIncomplete(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.unbind.cli.Main",
                "nightly", "--budget", "5m", "--engines", "explorer,stress", "--out", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                    Files.exists(dir.resolve(Journal.FILE)) && Files.readString(dir.resolve(Journal.FILE)).contains("\"type\":\"finding\""));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run stops");
            String log = Files.readString(dir.resolveSibling(dir.getFileName() + ".log"));
            assertEquals(4, p.exitValue(), log);
            assertTrue(log.contains("unbind: SIGTERM after "), log);
            assertTrue(log.contains("verdict: INCOMPLETE"), log);
            assertTrue(Journal.read(dir).metas().get(0).status().startsWith("interrupted by SIGTERM"));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void strict_failsWhenCataloguedDefectsGoUnseen(@TempDir Path dir) {
        try (Journal j = Journal.open(dir)) {
            Meta m = new Meta("explore", List.of("drm.unregister-only"), "", 1, "2026-01-01T00:00:00Z", "", "host", "17");
            j.meta(m);
            j.catalogue(Catalogue.of(Subjects.load()));
            j.run(RunRecord.of("stress", "drm", "drm.unregister-only", "ioctl-vs-remove", "", 10, 1.0, "ok", ""));
            j.meta(m.finished("2026-01-01T00:01:00Z"));
        }
        assertEquals(0, unbind("report", dir.toString()).code(), "unseen defects of a sampling engine are warnings");
        CliTest.Run strict = unbind("report", dir.toString(), "--strict");
        assertEquals(1, strict.code(), strict.out());
        assertTrue(strict.out().contains("PROBLEM: catalogued defects seen 0/"), strict.out());
        assertTrue(strict.out().contains("below the 100% asked for (--strict): not seen: drm.unregister-only."), strict.out());
        assertEquals(0, unbind("report", dir.toString(), "--min-coverage", "0%").code());
    }

    @Test
    void repro_explainsARealSchedule_andRejectsATamperedOne(@TempDir Path out) throws IOException {
        assertEquals(0, unbind("explore", "drm.unplug-enter-exit", "--no-fail-nth", "--out", out.toString()).code());
        Path finding = out.resolve("findings/drm.unplug-enter-exit/explorer-ioctl-vs-remove-use-after-free-1.json");
        CliTest.Run real = unbind("repro", finding.toString());
        assertEquals(0, real.code(), real.out());
        assertTrue(real.out().contains("BUG: unbind: use-after-free in DisplayDriver.readRegister, freed in kernel.device.Devres.releaseAll"),
                real.out());
        assertTrue(real.out().contains("Because: "), real.out());
        assertTrue(real.out().contains("BUG line: subjects/src/main/java/dev/unbind/subjects/drm/DrmSubject.java:"), real.out());
        assertTrue(real.out().contains("// BUG: connector->detect is not bracketed"), real.out());

        ObjectNode f = (ObjectNode) Journal.json().readTree(finding.toFile());
        JsonNode step = f.withArray("schedule").get(2);
        String was = step.get("step").asText();
        ((ObjectNode) step).put("step", was + "-renamed");
        Path tampered = out.resolve("tampered.json");
        Journal.json().writeValue(tampered.toFile(), f);
        CliTest.Run r = unbind("repro", tampered.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("not reproduced: the schedule no longer matches the subject: at decision 2 the file resumes "
                + step.get("actor").asText() + " from " + was + "-renamed, the replay resumed "), r.out());
    }

    @Test
    void aFaultRuleThatMatchesNoPoint_namesTheClosestPoints() {
        CliTest.Run r = unbind("explore", "drm.quiesced", "--faults", "fail:drm.core.drm_dev_registr.modeset_register_all:nth=1");
        assertEquals(2, r.code(), r.err());
        assertEquals("unbind: --faults rule 'fail:drm.core.drm_dev_registr.modeset_register_all:nth=1' matches no fallible point "
                + "of the selected variants; closest: drm.core.drm_dev_register.modeset_register_all", r.err().strip().split(", ")[0]
                .replaceAll("; closest: ([^,]*).*", "; closest: $1"));
    }

    @Test
    void brokenJson_saysWhatIsWrongAndWhere(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("finding.json");
        Files.writeString(file, "{\"format\": \"unbind-finding/1\",\n \"seed\": }");
        CliTest.Run r = unbind("repro", file.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is not a finding file: broken JSON (line 2, column"), r.err());
        Files.writeString(file, "{\"format\": \"unbind-finding/1\", \"seed\": \"soon\"}");
        r = unbind("repro", file.toString());
        assertTrue(r.err().contains("field 'seed' has the value 'soon', which is not a long"), r.err());

        journal(dir, true);
        List<String> lines = Files.readAllLines(dir.resolve(Journal.FILE));
        lines.add(1, "{\"type\":\"run\", oops");
        Files.write(dir.resolve(Journal.FILE), lines);
        r = unbind("report", dir.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("journal.jsonl line 2 is not a journal line: broken JSON (line 1, column"), r.err());
    }

    @Test
    void anOutThatIsAFile_saysTheReason(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        CliTest.Run r = unbind("explore", "drm.quiesced", "--no-fail-nth", "--out", file.resolve("sub").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("unbind: cannot use " + file.resolve("sub") + " as a results directory: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

}
