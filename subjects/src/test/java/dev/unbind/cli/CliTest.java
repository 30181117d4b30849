package dev.unbind.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.finding.Site;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.Journal;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Subjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: exit codes, one-line errors, and the explore → repro round trip. */
class CliTest {
    /** What a command line printed and returned. */
    record Run(int code, String out, String err) {
    }

    /** Runs a command line in this JVM. */
    static Run unbind(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "explore nosuch.*                                   | no subject matches 'nosuch.*'",
            "explore drm.quiesced --faults fail:drm.x:p=9       | p must be between 0 and 1",
            "explore drm.quiesced --faults explode:x            | unknown action 'explode'",
            "report /nonexistent/results                        | no results directory /nonexistent/results",
            "repro /nonexistent/finding.json                    | no such finding file",
            "stress drm.* --duration soon                       | 'soon' is not a duration",
            "explore                                            | Missing required parameter",
            "nightly --budget 1s                                | --budget must be at least 10s",
            "nightly --engines explorer,tarot                   | tarot",
            "frobnicate                                         | Unmatched argument",
    })
    void badInput_isOneLine_andExitCode2(String args, String expected) {
        Run r = unbind(args.strip().split("\\s+"));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected.strip()), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void list_showsTheDrmVariantsAndDefects() {
        Run r = unbind("list");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("drm.unplug-enter-exit"));
        assertTrue(r.out().contains("drm.unregister-only.unfiltered-ioctl"));
    }

    @Test
    void everyCommand_printsItsUsageOnHelp_andExits0() {
        for (String command : new String[] {"list", "explore", "stress", "repro", "nightly", "report"}) {
            Run r = unbind(command, "--help");
            assertEquals(0, r.code(), command + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: unbind " + command), command + ": " + r.out());
            Run h = unbind("help", command);
            assertEquals(r.out(), h.out(), "unbind help " + command);
        }
    }

    @Test
    void listJson_isTheCatalogue() throws IOException {
        Run r = unbind("list", "--json");
        assertEquals(0, r.code());
        JsonNode n = Journal.json().readTree(r.out());
        assertTrue(n.path("families").isArray());
        assertTrue(n.path("families").size() >= 1);
    }

    @Test
    void exploreThenRepro_roundTrips(@TempDir Path out) throws IOException {
        Run explore = unbind("explore", "drm.unregister-only", "--no-fail-nth", "--out", out.toString());
        assertEquals(0, explore.code(), explore.out() + explore.err());
        assertTrue(Files.exists(out.resolve(Journal.FILE)));
        Path finding;
        try (Stream<Path> files = Files.walk(out.resolve("findings"))) {
            finding = files.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        Run repro = unbind("repro", finding.toString(), "--repeat", "3");
        assertEquals(0, repro.code(), repro.out());
        assertTrue(repro.out().contains("BUG: unbind:"), repro.out());
        assertTrue(repro.out().contains("reproduced 3 of 3 replays, 3 identical report(s)"), repro.out());
    }

    @Test
    void aLincheckFinding_withNeitherScheduleNorSites_replaysThroughItsCataloguedDefect(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lincheck-random-ops-use-after-free-1.json");
        lincheckFinding("drm.unregister-only.unfiltered-ioctl").write(file);
        Run repro = unbind("repro", file.toString(), "--repeat", "3");
        assertEquals(0, repro.code(), repro.out() + repro.err());
        assertTrue(repro.out().startsWith("replaying a lincheck finding of drm.unregister-only.unfiltered-ioctl, replayed "
                + "through the explorer's schedule of that defect's scenario"), repro.out());
        assertTrue(repro.out().contains("BUG: unbind: use-after-free"), repro.out());
        assertTrue(repro.out().contains("reproduced 3 of 3 replays, 3 identical report(s)"), repro.out());
    }

    @Test
    void aLincheckFinding_outsideTheCatalogue_cannotBeReplayed_andSaysHowToRerunIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lincheck-random-ops-use-after-free-1.json");
        lincheckFinding(null).write(file);
        Run repro = unbind("repro", file.toString());
        assertEquals(2, repro.code(), repro.out() + repro.err());
        assertEquals("unbind: this lincheck finding has no schedule, no sites and no catalogued defect to replay it through; "
                + "run its lincheck check again: drm.unregister-only / random-ops", repro.err().strip());
    }

    /** What the Lincheck engine writes: no schedule, and a signature with the kind only. */
    private static FindingFile lincheckFinding(String defect) {
        return new FindingFile(FindingFile.FORMAT, "drm.unregister-only", "random-ops", "", 0, "lincheck", defect, "UAF",
                "UAF|", "use-after-free: user GET_PARAM: read a status register on mmio#1 freed by remover", List.of(), "");
    }

    @Test
    void aFixedVariantWithAFinding_exitsWith1(@TempDir Path dir) throws IOException {
        try (Journal j = Journal.open(dir)) {
            j.catalogue(Catalogue.of(Subjects.load()));
            j.run(RunRecord.of("stress", "drm", "drm.quiesced", "ioctl-vs-remove", "", 10, 1.0, "ok", ""));
            Site s = new Site("user", "drm.driver.hw-access", "read");
            Finding f = new Finding(Kind.UAF, "planted", "mmio#1", List.of(Role.of("accessed by", s)), List.of(), List.of(), "");
            j.finding(new FindingRecord("stress", "drm", "drm.quiesced", "ioctl-vs-remove", "", 1, null, f, List.of(), 0.5, 3, null));
        }
        Run r = unbind("report", dir.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("PROBLEM: drm.quiesced: UAF found by stress"), r.out());
    }

    @Test
    void aTornLastJournalLine_losesNothingBeforeIt(@TempDir Path dir) throws IOException {
        try (Journal j = Journal.open(dir)) {
            j.catalogue(Catalogue.of(Subjects.load()));
            j.run(RunRecord.of("explorer", "drm", "drm.quiesced", "ioctl-vs-remove", "", 10, 1.0, "ok", ""));
        }
        Files.writeString(dir.resolve(Journal.FILE), "{\"type\":\"run\",\"engine\":\"expl", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(1, Journal.read(dir).runs().size());
    }
}
