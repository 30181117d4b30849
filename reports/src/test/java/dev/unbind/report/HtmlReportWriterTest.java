package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.Results;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.unbind.report.ResultsFixture.BASELINE;
import static dev.unbind.report.ResultsFixture.FIXED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportWriterTest {
    static final String HANG_PAGE = "witnesses/finding-drm.unplug-enter-exit-hang-1.html";
    @TempDir
    static Path dir;
    static String html;
    static Document doc;
    static Document detail;
    static Map<String, Document> pages = new TreeMap<>();

    @BeforeAll
    static void render() throws Exception {
        Results r = ResultsFixture.results();
        new HtmlReportWriter().write(Assessment.of(r), r, dir);
        html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        doc = Xml.parse(html);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(x -> x.toString().endsWith(".html")).toList()) {
                pages.put(dir.relativize(p).toString(), Xml.parse(Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        detail = pages.get("families/drm.html");
    }

    @Test
    void everyPage_isOneSelfContainedHtml5Document() {
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertEquals("unbind report: FAIL (drm)", Xml.elements(doc, "title").get(0).getTextContent());
        assertEquals(Set.of("index.html", "families/drm.html", "witnesses/drm.ioctl-after-unplug.html",
                HANG_PAGE, "witnesses/finding-drm.baseline-errno-1.html"), pages.keySet());
        pages.forEach((name, page) -> {
            assertEquals(1, Xml.elements(page, "style").size(), name);
            for (Element script : Xml.elements(page, "script")) {
                assertEquals("", script.getAttribute("src"), name + ": scripts are inline");
            }
            assertTrue(Xml.elements(page, "link").isEmpty(), name);
            assertTrue(Xml.elements(page, "img").isEmpty(), name);
            for (Element a : Xml.elements(page, "a")) {
                assertFalse(a.getAttribute("href").contains("://"), name + ": " + a.getAttribute("href"));
            }
        });
        assertEquals(1, Xml.elements(doc, "script").size(), "the findings filter");
    }

    @Test
    void anchors_areUniqueAndEveryLinkBetweenPagesHasATarget() throws Exception {
        Set<String> mainIds = ids(doc);
        assertTrue(mainIds.containsAll(List.of("top", "contents", "drm", "card-drm", BASELINE, FIXED,
                "finding-drm.unplug-enter-exit-hang-1", "drm.release-leak", "drm-findings")), mainIds.toString());
        int checked = 0;
        for (Map.Entry<String, Document> page : pages.entrySet()) {
            Path here = dir.resolve(page.getKey()).getParent();
            for (Element a : Xml.elements(page.getValue(), "a")) {
                String href = a.getAttribute("href");
                int hash = href.indexOf('#');
                String file = hash < 0 ? href : href.substring(0, hash);
                Path target = file.isEmpty() ? dir.resolve(page.getKey()) : here.resolve(file).normalize();
                if (!file.endsWith(".html") && !file.isEmpty()) {
                    continue; // a finding file: the fixture has none on disk
                }
                assertTrue(Files.exists(target), page.getKey() + ": dangling " + href);
                if (hash >= 0) {
                    Document d = pages.get(dir.relativize(target).toString());
                    assertTrue(ids(d).contains(href.substring(hash + 1)), page.getKey() + ": no target for " + href);
                }
                checked++;
            }
        }
        assertTrue(checked > 40, "links checked: " + checked);
    }

    @Test
    void variantRow_marksExpectedAndUnexpectedBreaks() {
        List<String> header = headerOf(doc, "Expectation");
        Element baseRow = (Element) byId(doc, BASELINE).getParentNode();
        List<Element> cells = Xml.children(baseRow, "td");
        Element uaf = cells.get(header.indexOf("UAF"));
        assertEquals("✗ expected", uaf.getTextContent());
        assertEquals("expected", uaf.getAttribute("class"));
        Element errno = cells.get(header.indexOf("ERRNO"));
        assertEquals("✗ unexpected", errno.getTextContent());
        assertEquals("bad", errno.getAttribute("class"));
        Element fixedHang = Xml.children((Element) byId(doc, FIXED).getParentNode(), "td").get(header.indexOf("HANG"));
        assertEquals("✗ unexpected", fixedHang.getTextContent());
        Element fixedUaf = Xml.children((Element) byId(doc, FIXED).getParentNode(), "td").get(header.indexOf("UAF"));
        assertEquals("✓", fixedUaf.getTextContent());
        assertEquals("good", fixedUaf.getAttribute("class"));
    }

    @Test
    void findingsRow_linksTheWitnessPage_andCarriesItsFilterValues() {
        List<String> header = headerOf(doc, "First detection");
        Element row = (Element) byId(doc, "drm.ioctl-after-unplug").getParentNode();
        List<Element> cells = Xml.children(row, "td");
        Element first = cells.get(header.indexOf("First detection"));
        assertEquals("explorer 2.500 s · 17 schedules +1", first.getTextContent());
        assertEquals("witnesses/drm.ioctl-after-unplug.html", Xml.children(first, "a").get(0).getAttribute("href"));
        assertEquals("UAF", row.getAttribute("data-f0"));
        assertEquals(BASELINE, row.getAttribute("data-f1"));
        List<String> kinds = Xml.elements(doc, "select").get(0).getTextContent().lines().toList();
        assertTrue(Xml.elements(doc, "form").get(0).getAttribute("data-table").equals("drm-findings-table"));
        assertEquals("allUAFLEAKHANGFENCEERRNO", Xml.elements(doc, "select").get(0).getTextContent(), kinds.toString());
    }

    @Test
    void detailPage_keepsEachDefectsDetectionPerEngine() {
        List<String> header = headerOf(detail, "Reference");
        List<Element> cells = Xml.children((Element) byId(detail, "drm.ioctl-after-unplug").getParentNode(), "td");
        Element explorer = cells.get(header.indexOf("explorer: first detection"));
        assertEquals("2.500 s · 17 schedules", explorer.getTextContent());
        assertEquals("../" + ResultsFixture.UAF_FILE, Xml.children(explorer, "a").get(0).getAttribute("href"));
        Element variant = cells.get(header.indexOf("Variant"));
        assertEquals("../index.html#" + BASELINE, Xml.children(variant, "a").get(0).getAttribute("href"));
    }

    @Test
    void readSideChart_drawsNsPerCallOnALinearAxis() {
        List<Element> svgs = Xml.elements(doc, "svg");
        assertEquals(1, svgs.size(), "the main page draws the read side; the rest is on the details page");
        String readSide = svgs.get(0).getTextContent();
        assertTrue(readSide.contains(ResultsFixture.BASELINE + " — ns per call: 40.0 ns"), readSide);
        assertTrue(readSide.contains(ResultsFixture.FIXED + " — ns per call: 110.0 ns"), readSide);
        assertTrue(readSide.contains("0 ns") && readSide.contains("200 ns"), "ticks up to a round 200 ns: " + readSide);
    }

    @Test
    void detailCharts_areInlineSvgWithLabelledBars() {
        List<Element> svgs = Xml.elements(detail, "svg");
        assertEquals(2, svgs.size());
        String detection = svgs.get(0).getTextContent();
        assertTrue(detection.contains("drm.ioctl-after-unplug — explorer: 2.500 s · 17 schedules"), detection);
        assertTrue(detection.contains("drm.ioctl-after-unplug — stress: 0.125 s · 1200 runs"), detection);
        assertTrue(detection.contains("100 ms") && detection.contains("10 s"), "log axis ticks: " + detection);
        String windows = svgs.get(1).getTextContent();
        assertTrue(windows.contains("24.0% of 5000 hits · 40 violations"), windows);
        assertTrue(windows.contains("22.5% of 4000 hits"), windows);
        assertEquals(3, Xml.children(svgs.get(1), "rect").stream().filter(r -> !r.getAttribute("y").equals("6")).count(),
                "one bar per variant and window, legend squares aside");
    }

    @Test
    void witnessPage_keepsTheKasanReportAndEscapesTheSummary() throws Exception {
        Document hang = pages.get(HANG_PAGE);
        assertEquals("hang: " + ResultsFixture.NASTY_SUMMARY, Xml.elements(hang, "h1").get(0).getTextContent());
        String text = Files.readString(dir.resolve(HANG_PAGE), StandardCharsets.UTF_8);
        assertFalse(text.contains("<blocked>"));
        assertTrue(text.contains("remove &lt;blocked&gt; &amp; stuck | waiting on srcu"));
        List<String> pres = Xml.elements(hang, "pre").stream().map(Element::getTextContent).toList();
        assertEquals(1, pres.size());
        assertTrue(pres.get(0).contains(ResultsFixture.NASTY_SUMMARY), pres.get(0));
        String uaf = Xml.elements(pages.get("witnesses/drm.ioctl-after-unplug.html"), "pre").get(0).getTextContent();
        assertTrue(uaf.contains("BUG: unbind: use-after-free in AFTER_UNPLUGGED_CHECK"), uaf);
        assertTrue(Xml.elements(doc, "pre").isEmpty(), "no KASAN report on the main page");
    }

    private static Set<String> ids(Document d) {
        List<String> ids = new ArrayList<>();
        collectIds(d.getDocumentElement(), ids);
        Set<String> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), "duplicate ids in " + ids);
        return unique;
    }

    private static List<String> headerOf(Document d, String column) {
        for (Element tr : Xml.elements(d, "tr")) {
            List<String> th = Xml.children(tr, "th").stream().map(Element::getTextContent).toList();
            if (th.contains(column)) {
                return th;
            }
        }
        throw new AssertionError("no table with column " + column);
    }

    private static Element byId(Document d, String id) {
        List<Element> all = new ArrayList<>();
        collect(d.getDocumentElement(), all);
        return all.stream().filter(e -> e.getAttribute("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no element with id " + id));
    }

    private static void collectIds(Element e, List<String> ids) {
        List<Element> all = new ArrayList<>();
        collect(e, all);
        all.stream().map(x -> x.getAttribute("id")).filter(s -> !s.isEmpty()).forEach(ids::add);
    }

    private static void collect(Element e, List<Element> out) {
        out.add(e);
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                collect(c, out);
            }
        }
    }
}
