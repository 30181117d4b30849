package dev.unbind.subjects;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.result.Catalogue;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Family;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue holds, for every registered family: the explorer finds every catalogued defect on
 * its variant and attributes every finding of a defective variant to a catalogued defect; a
 * variant that must keep every property shows nothing under the explorer's full bound and the
 * fail-nth sweep. Deterministic: the explorer's schedules and seed are fixed.
 */
class CatalogueExplorerTest {
    private static final Subjects SUBJECTS = Subjects.load();
    private static final Catalogue CATALOGUE = Catalogue.of(SUBJECTS);
    /** Defective variants are explored once at two preemptions without the sweep; tests share it. */
    private static final ExploreOptions DEFECT_HUNT = new ExploreOptions(2, 1, 20_000, false, Long.MAX_VALUE);
    private static final Map<String, CollectingSink> EXPLORED = new ConcurrentHashMap<>();

    private record Selected(Family<?> family, Variant<?> variant) {
        @Override
        public String toString() {
            return variant.id();
        }
    }

    private static List<Selected> variants(Expectation expectation) {
        return SUBJECTS.families().stream().flatMap(f -> f.variants().stream()
                .filter(v -> v.expect() == expectation).map(v -> new Selected(f, v))).toList();
    }

    static List<Selected> defectiveVariants() {
        return variants(Expectation.SHOWS_ITS_DEFECTS);
    }

    static List<Selected> fixedVariants() {
        return variants(Expectation.KEEPS_EVERY_PROPERTY);
    }

    static List<Defect> defects() {
        return SUBJECTS.families().stream().flatMap(f -> f.defects().stream()).toList();
    }

    private static CollectingSink explored(String variantId) {
        return EXPLORED.computeIfAbsent(variantId, id -> {
            Selected s = defectiveVariants().stream().filter(x -> x.variant().id().equals(id)).findFirst().orElseThrow();
            CollectingSink sink = new CollectingSink();
            new Explorer(DEFECT_HUNT, CATALOGUE, sink).explore(s.family(), s.variant(), 1);
            return sink;
        });
    }

    @Test
    void everyFamily_hasADefectiveAndAFixedVariant() {
        for (Family<?> f : SUBJECTS.families()) {
            assertTrue(f.variants().stream().anyMatch(v -> v.expect() == Expectation.SHOWS_ITS_DEFECTS), f.id());
            assertTrue(f.variants().stream().anyMatch(v -> v.expect() == Expectation.KEEPS_EVERY_PROPERTY), f.id());
            assertFalse(f.defects().isEmpty(), f.id() + " catalogues no defect");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void everyCataloguedDefect_isFoundOnItsVariant(Defect d) {
        CollectingSink sink = explored(d.variant());
        assertTrue(sink.findings.stream().anyMatch(f -> d.id().equals(f.defect())),
                d.id() + " not found; found instead:\n" + sink.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defectiveVariants")
    void everyFindingOfADefectiveVariant_isCatalogued_andNoRunFailed(Selected s) {
        CollectingSink sink = explored(s.variant().id());
        assertEquals(List.of(), sink.findings.stream().filter(f -> f.defect() == null)
                .map(f -> f.scenario() + " [" + f.faults() + "]: " + f.finding().summary()).toList(), sink.describe());
        assertTrue(sink.runs.stream().noneMatch(r -> r.status().equals("error")), sink.runs.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedVariants")
    void fixedVariant_keepsEveryProperty_underTheBoundAndTheFailNthSweep(Selected s) {
        CollectingSink sink = new CollectingSink();
        Explorer.Summary summary = new Explorer(ExploreOptions.defaults(), CATALOGUE, sink).explore(s.family(), s.variant(), 1);
        assertEquals(List.of(), sink.findings.stream().map(f -> f.scenario() + " [" + f.faults() + "]: "
                + f.finding().summary()).toList(), sink.describe());
        assertTrue(summary.complete(), "every target explored to its bound: " + sink.runs);
        assertTrue(sink.runs.stream().noneMatch(r -> r.status().equals("error")), sink.runs.toString());
    }
}
