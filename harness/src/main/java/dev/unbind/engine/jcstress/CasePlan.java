package dev.unbind.engine.jcstress;

import dev.unbind.subject.Subjects;

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
 * Which tests of the jar a run selects, and whether they all ran. The tests a variant has are
 * derived from its family ({@link JcstressCase#of}); the jar must hold every one of them. JCStress
 * exits 0 when nothing ran (a wrong {@code -t}, a jar built without its annotation processor), so
 * the engine never trusts the exit code: every selected test must come back with results.
 *
 * @param tests      the selected tests the jar holds, grouped by variant in selection order, names sorted
 * @param absent     tests the families derive but the jar lacks (a jar older than the sources): an error
 * @param notCovered selected variants of families that declare no JCStress scenario (not an error)
 * @param unmapped   tests of the jar in a selected family's package that no scenario derives (a stale jar)
 */
public record CasePlan(Map<String, List<JcstressCase>> tests, List<JcstressCase> absent, List<String> notCovered,
                       List<String> unmapped) {

    /**
     * @param jarTests the test names the jar's META-INF/TestList lists
     * @param selected the selected variants, in order
     */
    public static CasePlan of(Collection<String> jarTests, List<Subjects.Selected> selected) {
        Set<String> inJar = new TreeSet<>(jarTests);
        Map<String, List<JcstressCase>> tests = new LinkedHashMap<>();
        List<JcstressCase> absent = new ArrayList<>();
        List<String> notCovered = new ArrayList<>();
        Set<String> derived = new TreeSet<>();
        Set<String> families = new TreeSet<>();
        for (Subjects.Selected s : selected) {
            List<JcstressCase> mine = new ArrayList<>(JcstressCase.of(s.family(), s.id()));
            mine.sort(Comparator.comparing(JcstressCase::name));
            families.add(s.family().id());
            if (mine.isEmpty()) {
                notCovered.add(s.id());
                continue;
            }
            mine.forEach(t -> derived.add(t.name()));
            List<JcstressCase> held = mine.stream().filter(t -> inJar.contains(t.name())).toList();
            mine.stream().filter(t -> !inJar.contains(t.name())).forEach(absent::add);
            if (!held.isEmpty()) {
                tests.put(s.id(), held);
            }
        }
        List<String> unmapped = inJar.stream().filter(n -> !derived.contains(n))
                .filter(n -> families.stream().anyMatch(f -> n.startsWith(JcstressNames.packageOf(f) + ".")))
                .filter(n -> selected.stream().anyMatch(s -> n.endsWith("." + JcstressNames.stateName(s.id()))))
                .toList();
        return new CasePlan(tests, absent, notCovered, unmapped);
    }

    /**
     * The plan cut down to the tests whose {@link JcstressCase#key()} is in {@code keys} (all of
     * them when {@code keys} is empty): a shard's part; a variant left with none is dropped.
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
        return new CasePlan(kept, absent.stream().filter(t -> keys.contains(t.key())).toList(), notCovered, unmapped);
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
