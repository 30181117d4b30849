package dev.unbind.jcstress;

import dev.unbind.subject.Family;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jcstress.util.TestLineReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar, as the JCStress engine will run it: runnable, and its META-INF/TestList lists,
 * for every registered family, races in {@code dev.unbind.jcstress.<family>} with a test for every
 * variant of the family, each with its generated runner inside the jar and a description that maps
 * it to its variant. A jar built without the annotation processor holds no tests, and JCStress
 * then runs nothing and exits 0: this is where that is caught.
 */
class JcstressJarIT {
    private static final String PKG = "dev.unbind.jcstress.";

    private static Path jar() {
        return Path.of(System.getProperty("unbind.jcstress.jar", Path.of("target", "jcstress.jar").toString()));
    }

    /** A line of META-INF/TestList: the test's name, its generated runner and its description. */
    private record Listed(String name, String runner, String description) {
        /** The race of a test of {@code family}: its top-level class in the family's package. */
        String race(String family) {
            return name.substring((PKG + family + ".").length()).split("\\.")[0];
        }
    }

    /** The tests JCStress will find in the jar, as its TestList reader reads them. */
    private static List<Listed> testList(JarFile jar) throws IOException {
        ZipEntry list = jar.getEntry("META-INF/TestList");
        assertNotNull(list, "META-INF/TestList is missing: the annotation processor did not run");
        List<Listed> tests = new java.util.ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(jar.getInputStream(list), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                TestLineReader l = new TestLineReader(line);
                if (!l.isCorrect()) {
                    continue;
                }
                String name = l.nextString();
                l.nextString(); // binary name
                String runner = l.nextString();
                tests.add(new Listed(name, runner, l.nextString()));
            }
        }
        return tests;
    }

    @Test
    void jarRunsJcstress() throws IOException {
        assertTrue(Files.isRegularFile(jar()), "no jar at " + jar());
        try (JarFile j = new JarFile(jar().toFile())) {
            assertEquals("org.openjdk.jcstress.Main", j.getManifest().getMainAttributes().getValue("Main-Class"));
            assertNotNull(j.getEntry("org/openjdk/jcstress/Main.class"));
            assertNotNull(j.getEntry("META-INF/services/dev.unbind.subject.Family"), "the families are found with ServiceLoader");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFamily_hasRacesWithATestForEveryVariant_andTheirRunners() throws IOException {
        assertTrue(Files.isRegularFile(jar()), "no jar at " + jar());
        List<Listed> all;
        try (JarFile j = new JarFile(jar().toFile())) {
            all = testList(j);
            for (Listed t : all) {
                assertNotNull(j.getEntry(t.runner().replace('.', '/') + ".class"), t.name() + ": runner " + t.runner() + " not in the jar");
            }
        }
        List<Family<?>> families = Subjects.load().families();
        assertFalse(families.isEmpty(), "no family registered");
        return families.stream().map(f -> DynamicTest.dynamicTest(f.id(), () -> {
            Map<String, Set<String>> variantsByRace = new TreeMap<>();
            for (Listed t : all) {
                if (t.name().startsWith(PKG + f.id() + ".")) {
                    String variant = t.description().substring(0, Math.max(0, t.description().indexOf(" | ")));
                    assertTrue(variantsByRace.computeIfAbsent(t.race(f.id()), r -> new TreeSet<>()).add(variant),
                            t.name() + ": a second test for " + variant);
                }
            }
            assertFalse(variantsByRace.isEmpty(), f.id() + ": no JCStress test in the jar");
            Set<String> variants = f.variants().stream().map(Variant::id).collect(Collectors.toCollection(TreeSet::new));
            variantsByRace.forEach((race, listed) -> assertEquals(variants, listed,
                    f.id() + " race " + race + ": one test per variant, described '<variant> | ...'"));
        }));
    }
}
