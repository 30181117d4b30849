package dev.unbind.subjects.drm;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.finding.KasanReport;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Subjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The explorer finds every catalogued DRM defect, and nothing on the quiesced variant. */
class DrmExplorerTest {
    private static final DrmFamily FAMILY = new DrmFamily();
    private static final Catalogue CATALOGUE = Catalogue.of(Subjects.of(List.of(FAMILY)));

    /** Collects what the explorer reports. */
    static final class Collect implements ResultSink {
        final List<FindingRecord> findings = new ArrayList<>();
        final List<RunRecord> runs = new ArrayList<>();

        @Override
        public synchronized FindingRecord finding(FindingRecord f, FindingFile file) {
            findings.add(f);
            return f;
        }

        @Override
        public synchronized void run(RunRecord r) {
            runs.add(r);
        }

        @Override
        public void progress(String line) {
        }

        String describe() {
            return findings.stream().map(f -> f.scenario() + " [" + f.faults() + "] " + f.defect() + ": "
                    + KasanReport.render(f.finding())).collect(Collectors.joining("\n"));
        }
    }

    static List<Defect> defects() {
        return FAMILY.defects();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void everyCataloguedDefect_isFoundOnItsVariant(Defect d) {
        Collect sink = new Collect();
        Explorer explorer = new Explorer(new ExploreOptions(2, 1, 20_000, false, Long.MAX_VALUE), CATALOGUE, sink);
        explorer.explore(FAMILY, FAMILY.variant(d.variant()), 1);
        assertTrue(sink.findings.stream().anyMatch(f -> d.id().equals(f.defect())),
                d.id() + " not found; found instead:\n" + sink.describe());
    }

    @Test
    void quiescedVariant_keepsEveryProperty_underTheBoundAndTheFailNthSweep() {
        Collect sink = new Collect();
        Explorer explorer = new Explorer(ExploreOptions.defaults(), CATALOGUE, sink);
        Explorer.Summary s = explorer.explore(FAMILY, FAMILY.variant("drm.quiesced"), 1);
        assertEquals(List.of(), sink.findings.stream().map(f -> f.scenario() + ": " + f.finding().summary()).toList(),
                sink.describe());
        assertTrue(s.complete(), "every target explored to its bound: " + sink.runs);
        assertTrue(sink.runs.stream().noneMatch(r -> r.status().equals("error")), sink.runs.toString());
    }
}
