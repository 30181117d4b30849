package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.Journal;
import dev.unbind.result.Meta;
import dev.unbind.result.ReportWriter;
import dev.unbind.result.Reports;
import dev.unbind.result.Results;
import dev.unbind.result.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportsTest {
    private static final List<String> FILES = List.of("index.html", "junit.xml", "report.json", "report.md");

    @Test
    void serviceLoader_findsAllFourFormats() {
        assertEquals(FILES, Reports.writers().stream().map(ReportWriter::fileName).toList());
    }

    @Test
    void journalReadBack_rendersExactlyLikeTheResultsItWasWrittenFrom(@TempDir Path dir) throws Exception {
        Results r = ResultsFixture.results();
        Path journal = dir.resolve("journal");
        try (Journal j = Journal.open(journal)) {
            r.metas().forEach(j::meta);
            j.catalogue(r.catalogue());
            r.runs().forEach(j::run);
            r.findings().forEach(j::finding);
        }
        Results back = Journal.read(journal);
        List<Path> written = Reports.writeAll(Assessment.of(back), back, dir.resolve("from-journal"));
        assertEquals(FILES.size(), written.size());
        Reports.writeAll(Assessment.of(r), r, dir.resolve("in-memory"));
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("in-memory").resolve(f)),
                    Files.readAllBytes(dir.resolve("from-journal").resolve(f)), f);
        }
    }

    @Test
    void sameInputInAnotherJournalOrder_givesTheSameBytes(@TempDir Path dir) throws Exception {
        Results r = ResultsFixture.results();
        Results shuffled = new Results(r.metas(), r.catalogue(), reversed(r.runs()), r.findings());
        Reports.writeAll(Assessment.of(r), r, dir.resolve("a"));
        Reports.writeAll(Assessment.of(shuffled), shuffled, dir.resolve("b"));
        for (String f : List.of("index.html", "junit.xml", "report.md")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)),
                    f);
        }
    }

    @Test
    void emptyJournal_stillRendersEveryFormat(@TempDir Path dir) throws Exception {
        Results r = ResultsFixture.results();
        Results empty = new Results(List.<Meta>of(), r.catalogue(), List.<RunRecord>of(), List.<FindingRecord>of());
        List<Path> written = Reports.writeAll(Assessment.of(empty), empty, dir);
        assertEquals(FILES.size(), written.size());
        Xml.parse(Files.readString(dir.resolve("index.html")));
        Xml.parse(Files.readString(dir.resolve("junit.xml")));
        assertEquals(true, Files.readString(dir.resolve("report.md")).contains("No family has run records"));
    }

    private static <T> List<T> reversed(List<T> in) {
        List<T> out = new java.util.ArrayList<>(in);
        java.util.Collections.reverse(out);
        return out;
    }
}
