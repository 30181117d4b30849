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
import java.util.Set;

import static dev.unbind.report.ResultsFixture.BASELINE;
import static dev.unbind.report.ResultsFixture.FIXED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportWriterTest {
    @TempDir
    static Path dir;
    static String html;
    static Document doc;

    @BeforeAll
    static void render() throws Exception {
        Results r = ResultsFixture.results();
        new HtmlReportWriter().write(Assessment.of(r), r, dir);
        html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        doc = Xml.parse(html);
    }

    @Test
    void page_isOneSelfContainedHtml5Document() {
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertEquals("unbind report: FAIL (drm)", Xml.elements(doc, "title").get(0).getTextContent());
        assertEquals(1, Xml.elements(doc, "style").size());
        assertTrue(Xml.elements(doc, "script").isEmpty());
        assertTrue(Xml.elements(doc, "link").isEmpty());
        assertTrue(Xml.elements(doc, "img").isEmpty());
        for (Element a : Xml.elements(doc, "a")) {
            assertFalse(a.getAttribute("href").contains("://"), a.getAttribute("href"));
        }
    }

    @Test
    void anchors_areUniqueAndEveryInternalLinkHasATarget() {
        List<String> ids = new ArrayList<>();
        collectIds(doc.getDocumentElement(), ids);
        Set<String> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), "duplicate ids in " + ids);
        assertTrue(unique.containsAll(List.of("drm", BASELINE, FIXED, "witness-drm.ioctl-after-unplug",
                "finding-drm.unplug-enter-exit-hang-1", "drm.release-leak")), unique.toString());
        List<Element> links = Xml.elements(doc, "a").stream().filter(a -> a.getAttribute("href").startsWith("#")).toList();
        assertTrue(links.size() > 10, "links: " + links.size());
        for (Element a : links) {
            assertTrue(unique.contains(a.getAttribute("href").substring(1)), "dangling " + a.getAttribute("href"));
        }
    }

    @Test
    void variantRow_marksExpectedAndUnexpectedBreaks() {
        List<String> header = headerOf("Expectation");
        Element baseRow = (Element) byId(BASELINE).getParentNode();
        List<Element> cells = Xml.children(baseRow, "td");
        Element uaf = cells.get(header.indexOf("UAF"));
        assertEquals("✗ expected", uaf.getTextContent());
        assertEquals("expected", uaf.getAttribute("class"));
        Element errno = cells.get(header.indexOf("ERRNO"));
        assertEquals("✗ unexpected", errno.getTextContent());
        assertEquals("bad", errno.getAttribute("class"));
        Element fixedHang = Xml.children((Element) byId(FIXED).getParentNode(), "td").get(header.indexOf("HANG"));
        assertEquals("✗ unexpected", fixedHang.getTextContent());
        Element fixedUaf = Xml.children((Element) byId(FIXED).getParentNode(), "td").get(header.indexOf("UAF"));
        assertEquals("✓", fixedUaf.getTextContent());
        assertEquals("good", fixedUaf.getAttribute("class"));
    }

    @Test
    void defectRow_linksTheFindingFile() {
        List<String> header = headerOf("Reference");
        List<Element> cells = Xml.children((Element) byId("drm.ioctl-after-unplug").getParentNode(), "td");
        Element explorer = cells.get(header.indexOf("explorer: first detection"));
        assertEquals("2.500 s · 17 schedules", explorer.getTextContent());
        assertEquals(ResultsFixture.UAF_FILE, Xml.children(explorer, "a").get(0).getAttribute("href"));
    }

    @Test
    void readSideChart_drawsNsPerCallOnALinearAxis() {
        String readSide = Xml.elements(doc, "svg").get(2).getTextContent();
        assertTrue(readSide.contains(ResultsFixture.BASELINE + " — ns per call: 40.0 ns"), readSide);
        assertTrue(readSide.contains(ResultsFixture.FIXED + " — ns per call: 110.0 ns"), readSide);
        assertTrue(readSide.contains("0 ns") && readSide.contains("200 ns"), "ticks up to a round 200 ns: " + readSide);
    }

    @Test
    void charts_areInlineSvgWithLabelledBars() {
        List<Element> svgs = Xml.elements(doc, "svg");
        assertEquals(3, svgs.size());
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
    void witness_keepsTheKasanReportAndEscapesTheSummary() {
        assertEquals("hang: " + ResultsFixture.NASTY_SUMMARY, byId("finding-drm.unplug-enter-exit-hang-1").getTextContent());
        assertFalse(html.contains("<blocked>"));
        assertTrue(html.contains("remove &lt;blocked&gt; &amp; stuck | waiting on srcu"));
        List<String> pres = Xml.elements(doc, "pre").stream().map(Element::getTextContent).toList();
        assertEquals(3, pres.size());
        assertTrue(pres.get(0).contains("BUG: unbind: use-after-free in AFTER_UNPLUGGED_CHECK"), pres.get(0));
        assertTrue(pres.get(2).contains(ResultsFixture.NASTY_SUMMARY), pres.get(2));
    }

    private static List<String> headerOf(String column) {
        for (Element tr : Xml.elements(doc, "tr")) {
            List<String> th = Xml.children(tr, "th").stream().map(Element::getTextContent).toList();
            if (th.contains(column)) {
                return th;
            }
        }
        throw new AssertionError("no table with column " + column);
    }

    private static Element byId(String id) {
        List<Element> all = new ArrayList<>();
        collect(doc.getDocumentElement(), all);
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
