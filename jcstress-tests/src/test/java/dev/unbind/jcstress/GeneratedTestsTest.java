package dev.unbind.jcstress;

import dev.unbind.engine.jcstress.JcstressCase;
import dev.unbind.engine.jcstress.JcstressSources;
import dev.unbind.subject.Family;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.runners.TestList;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated JCStress tests. Their grading is true by construction (the generator writes the
 * outcomes from the catalogue); what is left to check: the annotation processor listed exactly the
 * tests the families declare (every family × JCStress scenario × variant), and one generated
 * file, pinned byte for byte, reads as it should.
 */
class GeneratedTestsTest {
    /** A scenario no defect names, so the file changes only when the scenario or the variants do. */
    private static final String GOLDEN = "/golden/drm/CloseVsRemove.java";

    @Test
    void theProcessorListed_exactlyTheTestsTheFamiliesDeclare() {
        assertNotNull(GeneratedTestsTest.class.getResource(TestList.LIST),
                TestList.LIST + " is not on the class path: the JCStress annotation processor did not run");
        Set<String> declared = new TreeSet<>();
        for (Family<?> f : Subjects.load().families()) {
            for (Variant<?> v : f.variants()) {
                JcstressCase.of(f, v.id()).forEach(c -> declared.add(c.name()));
            }
        }
        Set<String> listed = new TreeSet<>(TestList.tests());
        assertEquals(declared, listed);
        assertTrue(listed.size() >= 115, () -> listed.size() + " tests: fewer than the 115 hand-written ones they replace");
    }

    @Test
    void generatedFile_isPinned() throws IOException {
        Family<?> drm = Subjects.load().family("drm");
        String expected;
        try (InputStream in = GeneratedTestsTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(in, GOLDEN);
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, JcstressSources.sourceOf(drm, "close-vs-remove"),
                "the generator's output changed: if that is intended, copy target/generated-sources/jcstress/dev/unbind/"
                        + "jcstress/drm/CloseVsRemove.java to src/test/resources" + GOLDEN);
    }

    @Test
    void generatingTwice_givesTheSameBytes() {
        Subjects s = Subjects.load();
        assertEquals(JcstressSources.generate(s), JcstressSources.generate(s));
    }
}
