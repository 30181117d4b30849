package dev.unbind.subjects.cdev;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.finding.KasanReport;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The explorer finds every catalogued cdev defect on its variant, attributes every finding of a
 * defective variant to a catalogued defect, and finds nothing on the fenced variant.
 */
class CdevExplorerTest {
    private static final CdevFamily FAMILY = new CdevFamily();
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

    static List<String> defectiveVariants() {
        return FAMILY.variants().stream().filter(v -> v.expect() == Expectation.SHOWS_ITS_DEFECTS).map(Variant::id).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defectiveVariants")
    void everyCataloguedDefect_isFoundOnItsVariant_andEveryFindingIsCatalogued(String variant) {
        Collect sink = new Collect();
        Explorer explorer = new Explorer(new ExploreOptions(2, 1, 20_000, false, Long.MAX_VALUE), CATALOGUE, sink);
        explorer.explore(FAMILY, FAMILY.variant(variant), 1);
        Set<String> found = sink.findings.stream().map(FindingRecord::defect).collect(Collectors.toSet());
        List<String> missing = FAMILY.defectsOf(variant).stream().map(Defect::id).filter(id -> !found.contains(id)).toList();
        assertEquals(List.of(), missing, "not found; found instead:\n" + sink.describe());
        List<String> uncatalogued = sink.findings.stream().filter(f -> f.defect() == null)
                .map(f -> f.scenario() + ": " + f.finding().summary()).toList();
        assertEquals(List.of(), uncatalogued, sink.describe());
        assertTrue(sink.runs.stream().noneMatch(r -> r.status().equals("error")), sink.runs.toString());
    }

    @Test
    void fencedVariant_keepsEveryProperty_underTheBoundAndTheFailNthSweep() {
        Collect sink = new Collect();
        Explorer explorer = new Explorer(ExploreOptions.defaults(), CATALOGUE, sink);
        Explorer.Summary s = explorer.explore(FAMILY, FAMILY.variant("cdev.fenced"), 1);
        assertEquals(List.of(), sink.findings.stream().map(f -> f.scenario() + ": " + f.finding().summary()).toList(),
                sink.describe());
        assertTrue(s.complete(), "every target explored to its bound: " + sink.runs);
        assertTrue(sink.runs.stream().noneMatch(r -> r.status().equals("error")), sink.runs.toString());
    }
}
