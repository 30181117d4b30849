package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.Results;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.unbind.report.ResultsFixture.BASELINE;
import static dev.unbind.report.ResultsFixture.FIXED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownReportWriterTest {
    @TempDir
    static Path dir;
    static String md;
    static String detail;
    static String witness;

    @BeforeAll
    static void render() throws IOException {
        Results r = ResultsFixture.results();
        new MarkdownReportWriter().write(Assessment.of(r), r, dir);
        md = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        detail = Files.readString(dir.resolve("families/drm.md"), StandardCharsets.UTF_8);
        witness = Files.readString(dir.resolve("witnesses/drm.ioctl-after-unplug.md"), StandardCharsets.UTF_8);
    }

    @Test
    void header_saysFailWithProblemsAndWarningsListed() {
        assertTrue(md.contains("CI verdict: **FAIL** — 2 problems, 1 warning, 1 family."), md);
        assertTrue(md.contains("| `nightly` | drm | 10m | 42 | 2025-01-01T02:00:00Z | 2025-01-01T02:09:58Z |"));
        String problems = section("## <a id=\"problems\"></a>Problems", "## ");
        assertEquals(2, problems.lines().filter(l -> l.startsWith("- ")).count(), problems);
        assertTrue(problems.contains("drm.release\\-leak") || problems.contains("drm.release-leak"), problems);
        String warnings = section("## <a id=\"warnings\"></a>Warnings", "## ");
        assertEquals(1, warnings.lines().filter(l -> l.startsWith("- ")).count(), warnings);
        assertTrue(warnings.contains(ResultsFixture.FENCE_DEFECT), warnings);
    }

    @Test
    void verdictCard_putsTheVariantsSideBySide_withWhatEachBreaksAndCosts() {
        List<String> header = header(md, "|  | " + BASELINE + " |");
        assertEquals(List.of("", BASELINE, FIXED), header, "the variants in the catalogue's order");
        List<String> verdict = row(md, "Verdict |");
        assertEquals("**broken: UAF, ERRNO (not as expected)**", verdict.get(1), "the baseline misses a defect, and has an uncatalogued errno");
        assertEquals("**broken: HANG (not as expected)**", verdict.get(2));
        List<String> broken = row(md, "Broken |");
        assertEquals("UAF: [drm.ioctl-after-unplug](#drm.ioctl-after-unplug)<br>ERRNO: [1 not catalogued]"
                + "(#finding-drm.baseline-errno-1)", broken.get(1));
        List<String> windows = row(md, "Residual windows |");
        assertEquals("1 of 2 open<br>`AFTER_UNPLUGGED_CHECK` **open 24.0% (1200/5000), violated 0.8% (40/5000)**", windows.get(1),
                "reach rate and violation rate, each with its counts");
        List<String> readSide = row(md, "Read side vs. pre-fix |");
        assertEquals("40.0 ns (pre-fix)", readSide.get(1));
        assertEquals("×2.75 (1.65–4.58)", readSide.get(2), "the assessment's factor, with its interval");
        List<String> fdOpen = row(md, "Remove, fd open |");
        assertEquals(List.of("Remove, fd open", "12.0 / 80.0 (5000)", "15.0 / 120.0 (4000)"), fdOpen);
        assertEquals(List.of("Remove, reader blocked", "–", "–"), row(md, "Remove, reader blocked |"));
        assertTrue(md.contains("Recommendation: No variant keeps every property: [`" + BASELINE + "`](#" + BASELINE
                + ") leaves UAF, ERRNO; [`" + FIXED + "`](#" + FIXED + ") leaves HANG."), md);
        String sentence = "No variant keeps every property: [`" + BASELINE + "`](#" + BASELINE + ") leaves UAF, ERRNO; [`"
                + FIXED + "`](#" + FIXED + ") leaves HANG.";
        assertTrue(md.contains("| [`drm`](#card-drm) | " + sentence + " |"), "the outcomes table: the card's sentence");
    }

    @Test
    void variantRows_showVerdictPerProperty() {
        List<String> header = header("| Variant | Fix verdict | Expectation | CI |");
        List<String> base = row("<a id=\"" + BASELINE + "\"></a>");
        assertEquals("shows its defects", base.get(header.indexOf("Expectation")));
        assertEquals("**not met**", base.get(header.indexOf("CI")));
        assertEquals("**broken: UAF, ERRNO**", base.get(header.indexOf("Fix verdict")));
        assertEquals("[✗ expected](#drm.ioctl-after-unplug)", base.get(header.indexOf("UAF")));
        assertEquals("✓ (defect not seen)", base.get(header.indexOf("LEAK")));
        assertEquals("[**✗ unexpected**](#finding-drm.baseline-errno-1)", base.get(header.indexOf("ERRNO")));
        assertEquals("✓", base.get(header.indexOf("MODULE")));

        List<String> fixed = row("<a id=\"" + FIXED + "\"></a>");
        assertEquals("keeps every property", fixed.get(header.indexOf("Expectation")));
        assertEquals("[**✗ unexpected**](#finding-drm.unplug-enter-exit-hang-1)", fixed.get(header.indexOf("HANG")));
        assertEquals("✓", fixed.get(header.indexOf("UAF")));
        assertEquals(4 + 9, fixed.size());
    }

    @Test
    void findingsRow_showsTheFirstDetection_linkedToTheWitnessPage() {
        List<String> header = header(md, "| Defect | What | Variant |");
        assertFalse(header.contains("Witness"), "the detection is the link: no column of its own");
        List<String> uaf = row(md, "<a id=\"drm.ioctl-after-unplug\"></a>");
        assertEquals("found", uaf.get(header.indexOf("Status")));
        assertEquals("[explorer 2.500 s · 17 schedules +1](witnesses/drm.ioctl-after-unplug.md)",
                uaf.get(header.indexOf("First detection")));
        assertEquals("<a id=\"drm.ioctl-after-unplug\"></a>`drm.ioctl-after-unplug`", uaf.get(header.indexOf("Defect")));
        assertEquals("`" + BASELINE + "`", uaf.get(header.indexOf("Variant")));
        List<String> leak = row(md, "<a id=\"drm.release-leak\"></a>");
        assertEquals("**not found: detection regression**", leak.get(header.indexOf("Status")));
        List<String> fence = row(md, "<a id=\"drm.late-fault\"></a>");
        assertEquals("not detected (sampled only)", fence.get(header.indexOf("Status")));
    }

    @Test
    void sinceLastNight_isOneSentenceUnderTheOutcomes_andItsSectionFollowsTheCards(@TempDir Path withHistory) throws IOException {
        Results r = ResultsFixture.results();
        ResultsFixture.since().write(withHistory);
        new MarkdownReportWriter().write(Assessment.of(r), r, withHistory);
        String page = Files.readString(withHistory.resolve("report.md"), StandardCharsets.UTF_8);
        int outcomes = page.indexOf("| [`drm`](#card-drm) |");
        int sentence = page.indexOf("[Since last night](#since-last-night): Tonight (2025-01-02) against 2025-01-01: "
                + "**1 regression**, 1 new, 0 fixed, 0 not seen, 0 still open.");
        int card = page.indexOf("<a id=\"card-drm\"></a>");
        int section = page.indexOf("## <a id=\"since-last-night\"></a>Since last night");
        int contents = page.indexOf("## <a id=\"contents\"></a>Contents");
        assertTrue(0 < outcomes && outcomes < sentence && sentence < card && card < section && section < contents,
                List.of(outcomes, sentence, card, section, contents) + "\n" + page);
    }

    @Test
    void whatEachFixChanges_isInBriefOnTheMainPage_itsLinesOnTheDetailPage() {
        String brief = section("### <a id=\"drm-changes\"></a>What each fix changes", "### ");
        assertTrue(brief.contains("- [`" + FIXED + "`](#" + FIXED + "): the fix [1 FIX line](families/drm.md#drm-changes)"), brief);
        assertFalse(brief.contains("DrmSubject.java"), "no source links on the main page: " + brief);
        String lines = section(detail, "## <a id=\"drm-changes\"></a>What each fix changes", "## ");
        assertTrue(lines.contains("FIX: [`DrmSubject.java:171`]("), lines);
        assertTrue(lines.contains("DrmSubject.java#L171) (every ioctl inside drm_dev_enter/exit)."), lines);
    }

    @Test
    void detailPage_showsDetectionTimePerEngine_linkingBackToTheMainPage() {
        List<String> header = header(detail, "| Defect | Variant |");
        List<String> uaf = row(detail, "<a id=\"drm.ioctl-after-unplug\"></a>");
        assertEquals("[yes](../report.md#drm.ioctl-after-unplug)", uaf.get(header.indexOf("Found")));
        assertEquals("[2.500 s · 17 schedules](../findings/drm.baseline-uaf-1.json)",
                uaf.get(header.indexOf("explorer: first detection")));
        assertEquals("0.125 s · 1200 runs", uaf.get(header.indexOf("stress: first detection")));
        assertEquals("PROTOCOLS.md §1 D-B1", uaf.get(header.indexOf("Reference")));
        List<String> leak = row(detail, "<a id=\"drm.release-leak\"></a>");
        assertEquals("not found", leak.get(header.indexOf("explorer: first detection")));
    }

    @Test
    void witnessPage_showsBecauseTheLastFortyStepsFaultsAndKasan() {
        String w = witness;
        assertTrue(w.startsWith("# <a id=\"drm.ioctl-after-unplug\"></a>"), w);
        assertTrue(w.contains("- Because: Nothing stops an ioctl that passed the unplugged check before the free."), w);
        assertTrue(w.contains("Found by: explorer after 2.500 s and 17 schedules (seed 42)"), w);
        assertTrue(w.contains("- Replay: [`findings/drm.baseline-uaf-1.json`](../findings/drm.baseline-uaf-1.json) with "
                + "`./unbind repro findings/drm.baseline-uaf-1.json`"), w);
        assertTrue(w.contains("Also found by: stress ×1"), w);
        assertTrue(w.contains("Interleaving (the last 40 of 45 named steps):"), w);
        assertTrue(w.contains("| 6 | `STEP_6` |"), "first shown step in the ioctl column\n" + w);
        assertTrue(w.contains("| 45 |   | `AFTER_UNPLUGGED_CHECK` |"), "last step in the ioctl column\n" + w);
        assertFalse(w.contains("STEP_5`"), "step 5 is before the last 40\n" + w);
        assertTrue(w.contains("- `delay park 200us at AFTER_UNPLUGGED_CHECK (ioctl, hit 1)`"), w);
        assertTrue(w.contains("```\n==================="), w);
        assertTrue(w.contains("BUG: unbind: use-after-free in AFTER_UNPLUGGED_CHECK"), w);
        assertFalse(md.contains("BUG: unbind:"), "no KASAN report on the main page");
    }

    @Test
    void uncataloguedFindings_areRowsOfTheFindingsTable() {
        List<String> header = header(md, "| Defect | What | Variant |");
        List<String> errno = row(md, "<a id=\"finding-drm.baseline-errno-1\"></a>not in the catalogue |");
        assertEquals("poll returned -19 as a mask", errno.get(header.indexOf("What")));
        assertTrue(errno.get(header.indexOf("First detection")).endsWith("(witnesses/finding-drm.baseline-errno-1.md)"),
                errno.toString());
        List<String> hang = row(md, "<a id=\"finding-drm.unplug-enter-exit-hang-1\"></a>**not in the catalogue**");
        assertEquals("HANG", hang.get(header.indexOf("Kind")), "a fixed variant's finding is marked bad: " + hang);
    }

    @Test
    void windowsAndResidual_countRacingHitsAndViolations() {
        List<String> header = header(detail, "| Variant | Window |");
        List<String> base = rowWith(detail, "[`" + BASELINE + "`](../report.md#" + BASELINE + ")", "`AFTER_UNPLUGGED_CHECK`");
        assertEquals("24.0%", base.get(header.indexOf("% racing")));
        assertEquals("**40**", base.get(header.indexOf("Violations")));
        assertEquals("0.8%", base.get(header.indexOf("Violation rate")));
        String residual = section(detail, "### <a id=\"drm-residual\"></a>Residual windows", "## ");
        assertTrue(residual.contains("`AFTER_UNPLUGGED_CHECK` racing 900 times, never turned into a violation "
                + "(0 of 4000 runs)"), residual);
        assertTrue(residual.contains("**racing 1200 times, turned into a violation in 40 of 5000 runs (0.8%)**"),
                residual);
    }

    @Test
    void costs_putVariantsSideBySide_perSituation_withSampleCounts() {
        List<String> header = header("| Situation | Variant |");
        List<String> fixed = rowWith("fd open", "[`" + FIXED + "`](#" + FIXED + ")");
        assertEquals("15.0 / 120.0 (4000)", fixed.get(header.indexOf("remove: p50 / p99 µs (samples)")));
        assertEquals("×1.50 (1.50–1.50)", fixed.get(header.indexOf("remove: p99 vs. pre-fix")),
                "three sample values: the p99's interval is one bucket");
        List<String> base = rowWith("fd open", "[`" + BASELINE + "`](#" + BASELINE + ")");
        assertEquals("(the base)", base.get(header.indexOf("remove: p99 vs. pre-fix")));
    }

    @Test
    void costs_underTheMinimumCount_sayTooFewSamplesInsteadOfAFactor() {
        List<String> header = header("| Situation | Variant |");
        List<String> fixed = rowWith("fd open", "[`" + FIXED + "`](#" + FIXED + ")");
        assertEquals("6.0 / 9.0 (40)", fixed.get(header.indexOf("close: p50 / p99 µs (samples)")));
        assertEquals("too few samples", fixed.get(header.indexOf("close: p99 vs. pre-fix")));
    }

    @Test
    void costs_perScenarioDetail_isCollapsedOnTheDetailPage() {
        String costs = section(detail, "## <a id=\"drm-latencies\"></a>", "## ");
        int details = costs.indexOf("<details><summary>Per scenario: 4 measurements</summary>");
        assertTrue(details > 0, costs);
        assertTrue(costs.indexOf("| Operation | Variant | Scenario |") > details, costs);
        assertTrue(costs.indexOf("</details>") > costs.indexOf("| Operation | Variant | Scenario |"), costs);
    }

    @Test
    void readSide_showsNsPerCallPerVariant_asAFactorOverTheFirst() {
        List<String> header = header("| Variant | Call | ns per call |");
        List<String> fixed = rowWith("[`" + FIXED + "`](#" + FIXED + ")", "`ioctl(GET_PARAM)`");
        assertEquals("110.0", fixed.get(header.indexOf("ns per call")));
        assertEquals("99.0–165.0", fixed.get(header.indexOf("Batches (fastest–slowest)")));
        assertEquals("×2.75 (1.65–4.58)", fixed.get(header.indexOf("vs. pre-fix")), "the widest ratio the batch ranges allow");
        List<String> base = rowWith("[`" + BASELINE + "`](#" + BASELINE + ")", "`ioctl(GET_PARAM)`");
        assertEquals("(the base)", base.get(header.indexOf("vs. pre-fix")));
    }

    @Test
    void escaping_keepsPipesAndAnglesOutOfTheMarkup() {
        String page = read("witnesses/finding-drm.unplug-enter-exit-hang-1.md");
        String prose = page.replaceAll("(?s)```\n.*?```\n", "");
        assertTrue(page.contains(ResultsFixture.NASTY_SUMMARY), "code blocks keep the text as it is");
        assertFalse(prose.contains(ResultsFixture.NASTY_SUMMARY), "outside code blocks it is escaped");
        assertTrue(page.contains("remove \\<blocked\\> \\& stuck \\| waiting on srcu"));
        assertTrue(md.contains("remove \\<blocked\\> \\& stuck \\| waiting on srcu"), "in the findings table too");
        for (String line : md.lines().filter(l -> l.startsWith("| ")).toList()) {
            assertFalse(line.contains("<blocked>"), line);
        }
    }

    private static String read(String page) {
        try {
            return Files.readString(dir.resolve(page), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("no page " + page, e);
        }
    }

    private static String section(String start, String next) {
        return section(md, start, next);
    }

    private static String section(String text, String start, String next) {
        int i = text.indexOf(start);
        assertTrue(i >= 0, "no " + start);
        int j = text.indexOf("\n" + next, i + start.length());
        return text.substring(i, j < 0 ? text.length() : j);
    }

    private static List<String> header(String start) {
        return header(md, start);
    }

    private static List<String> header(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).findFirst().map(MarkdownReportWriterTest::cells)
                .orElseThrow(() -> new AssertionError("no table header " + start));
    }

    private static List<String> row(String firstCellStart) {
        return row(md, firstCellStart);
    }

    private static List<String> row(String text, String firstCellStart) {
        return text.lines().filter(l -> l.startsWith("| " + firstCellStart)).findFirst()
                .map(MarkdownReportWriterTest::cells).orElseThrow(() -> new AssertionError("no row " + firstCellStart));
    }

    private static List<String> rowWith(String first, String also) {
        return rowWith(md, first, also);
    }

    private static List<String> rowWith(String text, String first, String also) {
        List<String> r = text.lines().filter(l -> l.startsWith("| " + first + " |") && l.contains(also)).findFirst()
                .map(MarkdownReportWriterTest::cells).orElse(null);
        assertNotNull(r, "no row " + first + " with " + also);
        return r;
    }

    /** The cells of a GFM table row, split on pipes that are not escaped. */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        String body = line.substring(1, line.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                cur.append(c).append(body.charAt(++i));
            } else if (c == '|') {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }
}
