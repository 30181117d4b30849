package dev.unbind.jcstress.misc;

import dev.unbind.subject.Variant;
import dev.unbind.subjects.misc.MiscFamily;
import org.junit.jupiter.api.Test;
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
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar, as the JCStress engine will run it: runnable, and its META-INF/TestList lists
 * every misc race for every variant of the family, each with its generated runner inside the jar
 * and a description that maps it to its variant. A jar built without the annotation processor
 * holds no tests, and JCStress then runs nothing and exits 0: this is where that is caught.
 */
class JcstressJarIT {
    private static final String PKG = "dev.unbind.jcstress.misc.";
    private static final List<String> RACES =
            List.of("XcmdVsRemove", "CloseVsRemove", "ReaderVsRemove", "OpenVsProbe");
    /** The nested class of each variant. */
    private static final Map<String, String> CLASS_OF_VARIANT = Map.of(
            "misc.deregister-only", "DeregisterOnly",
            "misc.sync-rwsem", "SyncRwsem",
            "misc.sync-srcu", "SyncSrcu",
            "misc.mutex-as-posted", "MutexAsPosted",
            "misc.sync-register-srcu", "SyncRegisterSrcu",
            "misc.fenced", "Fenced");

    private static Path jar() {
        return Path.of(System.getProperty("unbind.jcstress.jar", Path.of("target", "jcstress.jar").toString()));
    }

    /** name to (description, generated runner), as JCStress's TestList reads them. */
    private static Map<String, String[]> testList(JarFile jar) throws IOException {
        ZipEntry list = jar.getEntry("META-INF/TestList");
        assertNotNull(list, "META-INF/TestList is missing: the annotation processor did not run");
        Map<String, String[]> tests = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(jar.getInputStream(list), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                TestLineReader l = new TestLineReader(line);
                if (!l.isCorrect()) {
                    continue;
                }
                String name = l.nextString();
                l.nextString(); // binary name
                String runner = l.nextString();
                String description = l.nextString();
                tests.put(name, new String[] {description, runner});
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

    @Test
    void testListNamesEveryRaceForEveryVariant_withItsRunnerAndVariantPrefix() throws IOException {
        List<String> variants = new MiscFamily().variants().stream().map(Variant::id).toList();
        assertEquals(CLASS_OF_VARIANT.keySet(), Set.copyOf(variants), "a variant was added: give every race a test for it");
        try (JarFile j = new JarFile(jar().toFile())) {
            Map<String, String[]> tests = testList(j);
            for (String race : RACES) {
                for (String variant : variants) {
                    String name = PKG + race + "." + CLASS_OF_VARIANT.get(variant);
                    String[] entry = tests.get(name);
                    assertNotNull(entry, name + " is not in META-INF/TestList; it lists " + tests.keySet());
                    assertTrue(entry[0].startsWith(variant + " | "), name + ": description " + entry[0]);
                    assertNotNull(j.getEntry(entry[1].replace('.', '/') + ".class"), name + ": runner " + entry[1] + " not in the jar");
                }
            }
            long misc = tests.keySet().stream().filter(n -> n.startsWith(PKG)).count();
            assertEquals(RACES.size() * variants.size(), misc, "misc tests in the jar: " + tests.keySet());
        }
    }
}
