package dev.unbind.subjects.misc;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The explorer finds every catalogued misc defect on its variant and nothing it cannot attribute,
 * and nothing at all on the fenced variant under the full bound and the fail-nth sweep.
 */
class MiscExplorerTest {
    private static final MiscFamily FAMILY = new MiscFamily();
    private static final Catalogue CATALOGUE = Catalogue.of(Subjects.of(List.of(FAMILY)));
    /** One exploration per defective variant, shared by that variant's defects. */
    private static final Map<String, Collect> EXPLORED = new ConcurrentHashMap<>();

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

    private static Collect explored(String variant) {
        return EXPLORED.computeIfAbsent(variant, v -> {
            Collect sink = new Collect();
            new Explorer(new ExploreOptions(2, 1, 20_000, false, Long.MAX_VALUE), CATALOGUE, sink)
                    .explore(FAMILY, FAMILY.variant(v), 1);
            return sink;
        });
    }

    static List<Defect> defects() {
        return FAMILY.defects();
    }

    static List<String> defectiveVariants() {
        return FAMILY.variants().stream().filter(v -> v.expect() == Expectation.SHOWS_ITS_DEFECTS)
                .map(v -> v.id()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void everyCataloguedDefect_isFoundOnItsVariant(Defect d) {
        Collect sink = explored(d.variant());
        assertTrue(sink.findings.stream().anyMatch(f -> d.id().equals(f.defect())),
                d.id() + " not found; found instead:\n" + sink.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defectiveVariants")
    void everyFindingOfADefectiveVariant_isInTheCatalogue(String variant) {
        Collect sink = explored(variant);
        assertEquals(List.of(), sink.findings.stream().filter(f -> f.defect() == null)
                .map(f -> f.scenario() + ": " + f.finding().summary()).toList(), sink.describe());
    }

    @Test
    void fencedVariant_keepsEveryProperty_underTheBoundAndTheFailNthSweep() {
        Collect sink = new Collect();
        Explorer explorer = new Explorer(ExploreOptions.defaults(), CATALOGUE, sink);
        Explorer.Summary s = explorer.explore(FAMILY, FAMILY.variant("misc.fenced"), 1);
        assertEquals(List.of(), sink.findings.stream().map(f -> f.scenario() + ": " + f.finding().summary()).toList(),
                sink.describe());
        assertTrue(s.complete(), "every target explored to its bound: " + sink.runs);
        assertTrue(sink.runs.stream().noneMatch(r -> r.status().equals("error")), sink.runs.toString());
    }
}
