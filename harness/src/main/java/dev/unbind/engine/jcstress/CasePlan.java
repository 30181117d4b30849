package dev.unbind.engine.jcstress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which tests of the jar a run selects, and whether they all ran. JCStress exits 0 when nothing
 * ran (a wrong {@code -t}, a jar built without its annotation processor), so the engine never
 * trusts the exit code: every selected test must come back with results.
 *
 * @param tests      the selected tests, grouped by variant in selection order, names sorted
 * @param untested   selected variants of a family that has tests in the jar, but none of their
 *                   own (a test lost its description prefix, a variant was renamed): an error
 * @param notCovered selected variants of families with no tests in the jar at all (not an error)
 * @param unmapped   tests of the jar whose description has no variant prefix
 */
public record CasePlan(Map<String, List<JcstressCase>> tests, List<String> untested, List<String> notCovered,
                       List<String> unmapped) {

    /**
     * @param jarTests test name to description, as the jar's META-INF/TestList lists them
     * @param variants the selected variant ids, in order
     */
    public static CasePlan of(Map<String, String> jarTests, List<String> variants) {
        List<JcstressCase> known = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        jarTests.forEach((name, description) -> JcstressCase.of(name, description)
                .ifPresentOrElse(known::add, () -> unmapped.add(name)));
        known.sort(Comparator.comparing(JcstressCase::name));
        unmapped.sort(null);
        Set<String> families = new TreeSet<>();
        known.forEach(t -> families.add(t.family()));

        Map<String, List<JcstressCase>> tests = new LinkedHashMap<>();
        List<String> untested = new ArrayList<>();
        List<String> notCovered = new ArrayList<>();
        for (String v : variants) {
            List<JcstressCase> mine = known.stream().filter(t -> t.variant().equals(v)).toList();
            if (!mine.isEmpty()) {
                tests.put(v, mine);
            } else if (families.contains(v.substring(0, Math.max(0, v.indexOf('.'))))) {
                untested.add(v);
            } else {
                notCovered.add(v);
            }
        }
        return new CasePlan(tests, untested, notCovered, unmapped);
    }

    /**
     * The plan cut down to the tests whose {@link JcstressCase#key()} is in {@code keys} (all of
     * them when {@code keys} is empty); a variant left with none is dropped, not untested.
     */
    public CasePlan only(Set<String> keys) {
        if (keys.isEmpty()) {
            return this;
        }
        Map<String, List<JcstressCase>> kept = new LinkedHashMap<>();
        tests.forEach((v, list) -> {
            List<JcstressCase> mine = list.stream().filter(t -> keys.contains(t.key())).toList();
            if (!mine.isEmpty()) {
                kept.put(v, mine);
            }
        });
        return new CasePlan(kept, untested, notCovered, unmapped);
    }

    public List<JcstressCase> all() {
        return tests.values().stream().flatMap(List::stream).toList();
    }

    public int size() {
        return tests.values().stream().mapToInt(List::size).sum();
    }

    /** A {@code -t} regex that selects exactly these tests and nothing else. */
    public static String regex(Collection<JcstressCase> tests) {
        StringBuilder b = new StringBuilder("^(?:");
        boolean first = true;
        for (JcstressCase t : tests) {
            b.append(first ? "" : "|").append(Pattern.quote(t.name()));
            first = false;
        }
        return b.append(")$").toString();
    }

    /** The selected tests with no results: empty when the count is right. */
    public static List<JcstressCase> missing(Collection<JcstressCase> selected, Collection<String> withResults) {
        return selected.stream().filter(t -> !withResults.contains(t.name())).toList();
    }
}
