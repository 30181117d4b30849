package dev.unbind.jcstress.misc;

import dev.unbind.finding.Kind;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Variant;
import dev.unbind.subjects.misc.MiscChardev;
import dev.unbind.subjects.misc.MiscFamily;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.infra.runners.TestList;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grading rules of the misc JCStress tests, read from their annotations, for every race the
 * annotation processor listed: one test per variant of the family, each with the same actors; on
 * the variant that must keep every property only {@code ok} passes and every other word is
 * FORBIDDEN; on a defective variant nothing is FORBIDDEN and every interesting word is a property
 * word. Which variant is which comes from the family's expectations, not from the test names.
 */
class GradingTest {
    private static final List<Variant<MiscChardev>> VARIANTS = new MiscFamily().variants();

    /** Every misc test the processor generated, grouped by race (the enclosing class). */
    private static Map<Class<?>, List<Class<?>>> races() throws ClassNotFoundException {
        assertNotNull(GradingTest.class.getResource(TestList.LIST),
                TestList.LIST + " is not on the class path: the JCStress annotation processor did not run");
        Map<Class<?>, List<Class<?>>> races = new TreeMap<>((a, b) -> a.getName().compareTo(b.getName()));
        for (String name : TestList.tests()) {
            Class<?> test = Class.forName(TestList.getInfo(name).binaryName());
            if (test.getPackage().getName().equals(GradingTest.class.getPackage().getName())) {
                races.computeIfAbsent(test.getEnclosingClass() == null ? test : test.getEnclosingClass(),
                        r -> new ArrayList<>()).add(test);
            }
        }
        return races;
    }

    @TestFactory
    Stream<DynamicTest> everyRace_followsTheGradingRules() throws ClassNotFoundException {
        Map<Class<?>, List<Class<?>>> races = races();
        assertEquals(Set.of("XcmdVsRemove", "CloseVsRemove", "ReaderVsRemove", "OpenVsProbe"),
                races.keySet().stream().map(Class::getSimpleName).collect(Collectors.toSet()),
                "the races the processor listed (is annotation processing on?)");
        return races.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().getSimpleName(),
                () -> checkRace(e.getValue())));
    }

    private static void checkRace(List<Class<?>> tests) {
        Map<String, Class<?>> byVariant = new TreeMap<>();
        Set<Set<String>> actorSets = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        for (Class<?> t : tests) {
            String description = t.getAnnotation(Description.class).value();
            String variant = description.substring(0, Math.max(0, description.indexOf(" | ")));
            assertTrue(VARIANTS.stream().anyMatch(v -> v.id().equals(variant)),
                    t.getName() + ": description must start with a variant id and ' | ': " + description);
            assertEquals(null, byVariant.put(variant, t), "two tests for " + variant);
            actorSets.add(actors(t));
        }
        assertEquals(VARIANTS.stream().map(Variant::id).collect(Collectors.toCollection(TreeSet::new)), byVariant.keySet(),
                "one test per variant");
        assertEquals(1, actorSets.size(), "every variant of a race runs the same actors: " + actorSets);

        Set<String> interesting = new TreeSet<>();
        for (Variant<MiscChardev> v : VARIANTS) {
            Class<?> t = byVariant.get(v.id());
            Map<String, Expect> grades = grades(t);
            assertEquals(Expect.ACCEPTABLE, grades.get("ok"), t.getName() + ": ok");
            if (v.expect() == Expectation.SHOWS_ITS_DEFECTS) {
                assertFalse(grades.containsValue(Expect.FORBIDDEN), t.getName() + ": a defective variant forbids nothing");
                grades.forEach((word, expect) -> {
                    if (expect == Expect.ACCEPTABLE_INTERESTING && !word.isEmpty()) {
                        assertTrue(Arrays.stream(Kind.values()).anyMatch(k -> k.word().equals(word)),
                                t.getName() + ": '" + word + "' is not a property word");
                        interesting.add(word);
                    }
                });
            } else {
                assertEquals(Expect.FORBIDDEN, grades.get(""), t.getName() + ": an unexpected word must not pass silently");
                grades.forEach((word, expect) -> assertTrue(word.equals("ok") || expect == Expect.FORBIDDEN,
                        t.getName() + ": only ok may pass on a variant that keeps every property, not '" + word + "'"));
            }
        }
        assertFalse(interesting.isEmpty(), "a defective variant names what it finds");
    }

    /** Outcome id to grade; the catch-all has the id "". */
    private static Map<String, Expect> grades(Class<?> t) {
        Map<String, Expect> m = new TreeMap<>();
        for (Outcome o : t.getAnnotationsByType(Outcome.class)) {
            for (String id : o.id()) {
                assertEquals(null, m.put(id, o.expect()), t.getName() + ": outcome '" + id + "' listed twice");
            }
        }
        return m;
    }

    /** The actor names, declared on the test class itself (the processor ignores inherited ones), and one arbiter. */
    private static Set<String> actors(Class<?> t) {
        Method[] own = t.getDeclaredMethods();
        assertEquals(1, Arrays.stream(own).filter(m -> m.isAnnotationPresent(Arbiter.class)).count(), t.getName() + ": arbiter");
        Set<String> names = Arrays.stream(own).filter(m -> m.isAnnotationPresent(Actor.class)).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(names.size() >= 2, t.getName() + ": actors " + names);
        return names;
    }
}
