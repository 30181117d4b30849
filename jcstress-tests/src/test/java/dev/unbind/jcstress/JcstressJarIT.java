package dev.unbind.jcstress;

import dev.unbind.engine.jcstress.JcstressCase;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar, as the JCStress engine will run it: runnable, and its META-INF/TestList lists,
 * for every registered family, the test every JCStress scenario declares for every variant, each
 * with its generated runner inside the jar. A jar built without the annotation processor holds no
 * tests, and JCStress then runs nothing and exits 0: this is where that is caught.
 */
class JcstressJarIT {
    private static Path jar() {
        return Path.of(System.getProperty("unbind.jcstress.jar", Path.of("target", "jcstress.jar").toString()));
    }

    /** A line of META-INF/TestList: the test's name and its generated runner. */
    private record Listed(String name, String runner) {
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
                tests.add(new Listed(name, l.nextString()));
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
    Stream<DynamicTest> everyFamily_hasTheTestsItsScenariosDeclare_andTheirRunners() throws IOException {
        assertTrue(Files.isRegularFile(jar()), "no jar at " + jar());
        Set<String> listed = new TreeSet<>();
        try (JarFile j = new JarFile(jar().toFile())) {
            for (Listed t : testList(j)) {
                assertNotNull(j.getEntry(t.runner().replace('.', '/') + ".class"), t.name() + ": runner " + t.runner() + " not in the jar");
                listed.add(t.name());
            }
        }
        List<Family<?>> families = Subjects.load().families();
        assertFalse(families.isEmpty(), "no family registered");
        return families.stream().map(f -> DynamicTest.dynamicTest(f.id(), () -> {
            Set<String> declared = new TreeSet<>();
            for (Variant<?> v : f.variants()) {
                JcstressCase.of(f, v.id()).forEach(c -> declared.add(c.name()));
            }
            assertFalse(declared.isEmpty(), f.id() + ": no scenario runs under JCStress");
            Set<String> missing = new TreeSet<>(declared);
            missing.removeAll(listed);
            assertEquals(Set.of(), missing, f.id() + ": declared tests the jar lacks");
        }));
    }
}
