package dev.unbind.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unbind.report.browser.Chromium;
import dev.unbind.result.Assessment;
import dev.unbind.result.Results;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report of a small results directory, as a reviewer sees it: rendered by headless
 * Chromium at 1400×900, looked at through the DevTools protocol, clicked with real mouse events.
 * The screenshot goes to {@code target/browser/}, never into the repository.
 */
class HtmlReportInBrowserTest {
    @TempDir
    static Path dir;
    static Chromium browser;
    static Path page;

    @BeforeAll
    static void open() throws Exception {
        Results r = ResultsFixture.results();
        ResultsFixture.since().write(dir); // a night with history: its sentence and section must leave the card in the first screen
        new HtmlReportWriter().write(Assessment.of(r), r, dir);
        page = dir.resolve("index.html");
        browser = Chromium.start();
        browser.open(page);
        Path shots = Files.createDirectories(Path.of("target", "browser"));
        Files.write(shots.resolve("top.png"), browser.screenshot());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void thePage_fetchesNothingButItself() {
        assertEquals(List.of(page.toUri().toString()), browser.requested(), "requests the page made");
    }

    @Test
    void aPageThatFetchesSomething_isSeenFetchingIt() throws Exception {
        Path planted = dir.resolve("planted.html");
        Files.writeString(planted, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/logo.png\"/></body></html>");
        try {
            browser.open(planted);
            assertTrue(browser.requested().contains("http://127.0.0.1:9/logo.png"), browser.requested().toString());
        } finally {
            browser.open(page);
        }
    }

    @Test
    void theTitleAndVerdict_areInTheFirstScreen() throws Exception {
        JsonNode top = browser.eval("(() => { window.scrollTo(0, 0); const h = document.querySelector('h1');"
                + " const r = h.getBoundingClientRect(); return {bottom: r.bottom, height: innerHeight,"
                + " text: h.textContent}; })()");
        assertTrue(top.get("bottom").asDouble() <= top.get("height").asDouble(), top.toString());
        assertEquals("unbind: per-fix comparison report", top.get("text").asText());
    }

    @Test
    void theVerdictCard_isWhollyInTheFirstScreen() throws Exception {
        JsonNode card = browser.eval(CARD_BOX.formatted("drm", "window.scrollTo(0, 0)"));
        assertTrue(card.get("top").asDouble() >= 0, card.toString());
        assertTrue(card.get("bottom").asDouble() <= card.get("height").asDouble(), "the card ends in the first screen: " + card);
        assertTrue(card.get("right").asDouble() <= card.get("width").asDouble(), "no sideways scrolling: " + card);
        assertTrue(card.get("recommendation").asText().startsWith("Recommendation: No variant keeps every property"), card.toString());
    }

    @Test
    void theWidestCard_fitsOneScreen() throws Exception {
        Path wide = dir.resolve("wide");
        Results r = WideFamilyFixture.results();
        new HtmlReportWriter().write(Assessment.of(r), r, wide);
        browser.open(wide.resolve("index.html"));
        try {
            JsonNode card = browser.eval(CARD_BOX.formatted(WideFamilyFixture.FAMILY, "h.scrollIntoView()"));
            Files.write(Path.of("target", "browser", "wide-card.png"), browser.screenshot());
            assertEquals(WideFamilyFixture.VARIANTS.size() + 1, card.get("columns").asInt(), card.toString());
            double height = card.get("bottom").asDouble() - card.get("top").asDouble();
            assertTrue(height <= card.get("height").asDouble(), "heading, variants and recommendation in one screen: " + card);
            assertTrue(card.get("right").asDouble() <= card.get("width").asDouble(), "no sideways scrolling: " + card);
        } finally {
            browser.open(page);
        }
    }

    /**
     * A card's box, from its heading to the end of its recommendation, after {@code %2$s} (with the
     * heading {@code h} at hand); the card of family {@code %1$s}.
     */
    private static final String CARD_BOX = "(() => { const h = document.getElementById('card-%1$s'); %2$s;"
            + " const table = h.nextElementSibling; const rec = table.nextElementSibling;"
            + " const t = table.getBoundingClientRect(); const p = rec.getBoundingClientRect();"
            + " return {top: h.getBoundingClientRect().top, bottom: p.bottom, right: Math.max(t.right, p.right),"
            + " columns: table.querySelector('tr').cells.length, recommendation: rec.textContent,"
            + " width: innerWidth, height: innerHeight}; })()";

    @Test
    void collapsedDetails_openAndCloseOnAClick() throws Exception {
        browser.open(dir.resolve("families/drm.html"));
        try {
            String details = "#drm-latencies ~ details";
            String state = "(() => { const d = document.querySelector('" + details + "');"
                    + " return {open: d.open, shown: d.querySelector('table').checkVisibility()}; })()";
            JsonNode before = browser.eval(state);
            assertFalse(before.get("open").asBoolean(), "collapsed at first");
            assertFalse(before.get("shown").asBoolean(), "its table is not shown while collapsed");
            browser.click(details + " > summary");
            JsonNode opened = browser.eval(state);
            assertTrue(opened.get("open").asBoolean());
            assertTrue(opened.get("shown").asBoolean(), "its table is shown once open");
            browser.click(details + " > summary");
            assertFalse(browser.eval(state).get("open").asBoolean(), "a second click closes it");
        } finally {
            browser.open(page);
        }
    }

    @Test
    void theFindingsFilter_narrowsTheRowsByKindAndVariant() throws Exception {
        assertEquals("5 of 5 shown", filter("", ""), "everything at first");
        assertEquals("1 of 5 shown", filter("HANG", ""));
        assertEquals(List.of("finding-drm.unplug-enter-exit-hang-1"), shownRows(), "the hang of the fixed variant");
        assertEquals("0 of 5 shown", filter("HANG", ResultsFixture.BASELINE));
        assertEquals("4 of 5 shown", filter("", ResultsFixture.BASELINE));
        assertEquals("5 of 5 shown", filter("", ""), "back to all");
    }

    /** Chooses a kind and a variant ("" for all) as a reader does; returns what the filter says it shows. */
    private static String filter(String kind, String variant) throws Exception {
        return browser.eval("(() => { const s = document.querySelectorAll('form.filter select');"
                + " [" + quote(kind) + ", " + quote(variant) + "].forEach((v, i) => { s[i].value = v;"
                + " s[i].dispatchEvent(new Event('change')); });"
                + " return document.querySelector('form.filter output').textContent; })()").asText();
    }

    /** The anchors of the findings rows the browser shows. */
    private static List<String> shownRows() throws Exception {
        JsonNode ids = browser.eval("[...document.getElementById('drm-findings-table').tBodies[0].rows]"
                + ".filter(r => r.checkVisibility()).map(r => r.cells[0].id)");
        return java.util.stream.StreamSupport.stream(ids.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "\\'") + "'";
    }
}
