package dev.unbind.subjects.uio;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.finding.KasanReport;
import dev.unbind.kernel.Point;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Family;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The explorer finds every catalogued uio defect on its variant in its scenario, attributes every
 * finding of a defective variant to a catalogued defect, and finds nothing on the fenced variant
 * under the full bound and the fail-nth sweep.
 */
class UioExplorerTest {
    private static final UioFamily FAMILY = new UioFamily();
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

    /** The family with only one of its scenarios, so a defect is looked for where it lives. */
    private record OneScenario(UioFamily family, String scenario) implements Family<Uio> {
        @Override
        public String id() {
            return family.id();
        }

        @Override
        public String title() {
            return family.title();
        }

        @Override
        public String summary() {
            return family.summary();
        }

        @Override
        public List<Variant<Uio>> variants() {
            return family.variants();
        }

        @Override
        public List<Scenario<Uio>> scenarios() {
            return List.of(family.scenario(scenario));
        }

        @Override
        public List<Defect> defects() {
            return family.defects();
        }

        @Override
        public List<Point> points() {
            return family.points();
        }
    }

    static List<Defect> defects() {
        return FAMILY.defects();
    }

    static List<String> defectiveVariants() {
        return FAMILY.variants().stream().filter(v -> !FAMILY.defectsOf(v.id()).isEmpty()).map(Variant::id).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void everyCataloguedDefect_isFoundOnItsVariant_inItsScenario(Defect d) {
        Collect sink = new Collect();
        Explorer explorer = new Explorer(new ExploreOptions(2, 1, 20_000, false, Long.MAX_VALUE), CATALOGUE, sink);
        explorer.explore(new OneScenario(FAMILY, d.scenario()), FAMILY.variant(d.variant()), 1);
        assertTrue(sink.findings.stream().anyMatch(f -> d.id().equals(f.defect())),
                d.id() + " not found; found instead:\n" + sink.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defectiveVariants")
    void everyFindingOfADefectiveVariant_isACataloguedDefect(String variant) {
        Collect sink = new Collect();
        Explorer explorer = new Explorer(ExploreOptions.defaults(), CATALOGUE, sink);
        explorer.explore(FAMILY, FAMILY.variant(variant), 1);
        assertEquals(List.of(), sink.findings.stream().filter(f -> f.defect() == null)
                .map(f -> f.scenario() + " [" + f.faults() + "]: " + f.finding().summary()).toList(), sink.describe());
        assertTrue(sink.runs.stream().noneMatch(r -> r.status().equals("error")), sink.runs.toString());
    }

    @Test
    void fencedVariant_keepsEveryProperty_underTheBoundAndTheFailNthSweep() {
        Collect sink = new Collect();
        Explorer explorer = new Explorer(ExploreOptions.defaults(), CATALOGUE, sink);
        Explorer.Summary s = explorer.explore(FAMILY, FAMILY.variant("uio.fenced"), 1);
        assertEquals(List.of(), sink.findings.stream().map(f -> f.scenario() + ": " + f.finding().summary()).toList(),
                sink.describe());
        assertTrue(s.complete(), "every target explored to its bound: " + sink.runs);
        assertTrue(sink.runs.stream().noneMatch(r -> r.status().equals("error")), sink.runs.toString());
    }
}
