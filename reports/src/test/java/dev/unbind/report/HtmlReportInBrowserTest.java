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
    void collapsedDetails_openAndCloseOnAClick() throws Exception {
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
    }
}
