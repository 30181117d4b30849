package dev.unbind.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unbind.result.Assessment;
import dev.unbind.result.Results;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.unbind.report.ResultsFixture.BASELINE;
import static dev.unbind.report.ResultsFixture.FIXED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportWriterTest {
    @TempDir
    static Path dir;
    static JsonNode root;

    @BeforeAll
    static void render() throws Exception {
        Results r = ResultsFixture.results();
        new JsonReportWriter().write(Assessment.of(r), r, dir);
        root = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    @Test
    void summary_saysNotOkWithTheProblemsAndWarnings() {
        JsonNode s = root.path("summary");
        assertEquals(JsonReportWriter.FORMAT, root.path("format").asText());
        assertFalse(s.path("ok").asBoolean(true));
        assertEquals(2, s.path("problems").size());
        assertEquals(1, s.path("warnings").size());
        assertTrue(s.path("problems").get(1).asText().endsWith(ResultsFixture.NASTY_SUMMARY));
    }

    @Test
    void summary_givesVerdictsAndFirstDetectionPerVariant() {
        JsonNode variants = root.path("summary").path("families").get(0).path("variants");
        JsonNode base = variants.get(0);
        assertEquals(BASELINE, base.path("id").asText());
        assertEquals("SHOWS_ITS_DEFECTS", base.path("expectation").asText());
        assertFalse(base.path("met").asBoolean(true));
        assertEquals("broken", base.path("properties").path("UAF").asText());
        assertEquals("kept", base.path("properties").path("LEAK").asText());
        JsonNode uaf = base.path("defects").get(0);
        assertEquals(ResultsFixture.UAF_DEFECT, uaf.path("id").asText());
        assertTrue(uaf.path("found").asBoolean());
        assertEquals(2.5, uaf.path("firstDetection").path("explorer").path("seconds").asDouble());
        assertEquals(17, uaf.path("firstDetection").path("explorer").path("runs").asLong());
        assertEquals(ResultsFixture.UAF_FILE, uaf.path("firstDetection").path("explorer").path("file").asText());
        assertEquals(0.125, uaf.path("firstDetection").path("stress").path("seconds").asDouble());
        assertEquals("regression", base.path("defects").get(1).path("status").asText());
        assertEquals("unproven", base.path("defects").get(2).path("status").asText());
        JsonNode fixed = variants.get(1);
        assertEquals(FIXED, fixed.path("id").asText());
        assertEquals("broken", fixed.path("properties").path("HANG").asText());
        assertEquals(1, fixed.path("uncatalogued").asInt());
    }

    @Test
    void assessment_isTheFullModel() {
        JsonNode a = root.path("assessment");
        assertEquals(2, a.path("problems").size());
        JsonNode family = a.path("families").get(0);
        assertEquals("drm", family.path("info").path("id").asText());
        JsonNode base = family.path("variants").get(0);
        assertEquals(6, base.path("runs").size());
        JsonNode cost = base.path("runs").get(5);
        assertEquals("cost", cost.path("engine").asText());
        assertEquals(40.0, cost.path("readSide").path("medianNs").asDouble(), 1e-9);
        assertEquals(ResultsFixture.WITNESS_STEPS,
                base.path("properties").get(0).path("witnesses").get(0).path("finding").path("witness").size());
    }
}
