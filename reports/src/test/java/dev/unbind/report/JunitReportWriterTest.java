package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.unbind.report.ResultsFixture.BASELINE;
import static dev.unbind.report.ResultsFixture.FIXED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JunitReportWriterTest {
    @TempDir
    Path dir;

    private Document write(Assessment a, Results r) throws Exception {
        new JunitReportWriter().write(a, r, dir);
        return Xml.parse(Files.readString(dir.resolve("junit.xml"), StandardCharsets.UTF_8));
    }

    @Test
    void family_isOneSuiteWithKeepsAndShowsCases() throws Exception {
        Results r = ResultsFixture.results();
        Document d = write(Assessment.of(r), r);
        List<Element> suites = Xml.elements(d, "testsuite");
        assertEquals(1, suites.size());
        Element drm = suites.get(0);
        assertEquals("unbind.drm", drm.getAttribute("name"));
        // 9 properties of the fix + 3 catalogued defects of the baseline.
        assertEquals(12, Xml.children(drm, "testcase").size());
        assertEquals("12", drm.getAttribute("tests"));
        assertEquals("2", drm.getAttribute("failures"));
        assertEquals("1", drm.getAttribute("skipped"));
        assertEquals(2, Xml.elements(d, "failure").size());
        assertEquals(1, Xml.elements(d, "skipped").size());
        assertEquals("12", d.getDocumentElement().getAttribute("tests"));
    }

    @Test
    void brokenProperty_failsWithSummaryAndKasanText() throws Exception {
        Results r = ResultsFixture.results();
        Element hang = testcase(write(Assessment.of(r), r), FIXED + ": no HANG");
        Element failure = Xml.children(hang, "failure").get(0);
        assertEquals(ResultsFixture.NASTY_SUMMARY, failure.getAttribute("message"));
        assertEquals("hang", failure.getAttribute("type"));
        String body = failure.getTextContent();
        assertTrue(body.contains("BUG: unbind: hang in SYNCHRONIZE_SRCU"), body);
        assertTrue(body.contains("found by stress in ioctl-vs-unplug"), body);
        assertTrue(body.startsWith(FIXED + ": HANG found by stress"), body);
    }

    @Test
    void defects_passWhenFoundFailOnRegressionSkipWhenOnlyWarned() throws Exception {
        Results r = ResultsFixture.results();
        Document d = write(Assessment.of(r), r);
        Element found = testcase(d, BASELINE + " shows " + ResultsFixture.UAF_DEFECT);
        assertTrue(Xml.children(found, "failure").isEmpty() && Xml.children(found, "skipped").isEmpty());
        assertEquals("0.125", found.getAttribute("time"));
        Element regression = testcase(d, BASELINE + " shows " + ResultsFixture.LEAK_DEFECT);
        assertEquals("detection-regression", Xml.children(regression, "failure").get(0).getAttribute("type"));
        Element warned = testcase(d, BASELINE + " shows " + ResultsFixture.FENCE_DEFECT);
        assertTrue(Xml.children(warned, "skipped").get(0).getAttribute("message").contains("was not detected"));
        Element kept = testcase(d, FIXED + ": no UAF");
        assertTrue(Xml.children(kept, "failure").isEmpty());
    }

    @Test
    void problemNotCoveredByACase_becomesATopLevelCase() throws Exception {
        Results r = ResultsFixture.results();
        Assessment a = Assessment.of(r);
        List<String> problems = new ArrayList<>(a.problems());
        problems.add("journal: 3 torn lines <&> skipped");
        Document d = write(new Assessment(a.metas(), a.families(), problems, a.warnings(), a.completion(), a.coverage(), a.ci()), r);
        List<Element> suites = Xml.elements(d, "testsuite");
        assertEquals(2, suites.size());
        Element top = suites.get(1);
        assertEquals("unbind", top.getAttribute("name"));
        assertEquals(1, Xml.children(top, "testcase").size());
        Element c = Xml.children(top, "testcase").get(0);
        assertEquals("problem: journal: 3 torn lines <&> skipped", c.getAttribute("name"));
        assertEquals("3", d.getDocumentElement().getAttribute("failures"));
    }

    private static Element testcase(Document d, String name) {
        return Xml.elements(d, "testcase").stream().filter(e -> e.getAttribute("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no testcase " + name));
    }
}
