package dev.unbind.subjects;

import dev.unbind.bench.ReadSideBench;
import dev.unbind.subject.Family;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The families are the only list of variants; every other list is checked against them, so a
 * family that gains, loses or renames a variant fails here until the list follows. The lists that
 * cannot be derived: the JMH benchmark's {@code @Param} (JMH needs literal values) and the README's
 * families table. (The JCStress tests, the Lincheck checks, quiescence after a hang and the
 * catalogue are derived from {@code Subjects.load()}; {@code GeneratedTestsTest} and
 * {@code JcstressJarIT} check the generated tests against the families.)
 */
class VariantListsTest {
    private static final Subjects SUBJECTS = Subjects.load();
    /** A README families-table row: {@code | `drm` | what | `unregister-only`, `quiesced` |}. */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9]+)` \\|[^|]*\\| (.*) \\|$", Pattern.MULTILINE);

    private static List<String> allVariants() {
        return SUBJECTS.families().stream().flatMap(f -> f.variants().stream()).map(Variant::id).sorted().toList();
    }

    @Test
    void theJmhReadSideBenchmark_listsEveryVariant() throws NoSuchFieldException {
        Param p = ReadSideBench.class.getField("variant").getAnnotation(Param.class);
        assertEquals(allVariants(), List.of(p.value()).stream().sorted().toList(),
                "ReadSideBench's @Param(variant) must list exactly the families' variants");
    }

    @Test
    void theReadmeFamiliesTable_listsEveryFamilysVariants() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Map<String, List<String>> listed = new TreeMap<>();
        Matcher m = ROW.matcher(readme);
        while (m.find()) {
            listed.put(m.group(1), Pattern.compile("`([a-z0-9-]+)`").matcher(m.group(2)).results()
                    .map(r -> m.group(1) + "." + r.group(1)).toList());
        }
        Map<String, List<String>> declared = new TreeMap<>();
        for (Family<?> f : SUBJECTS.families()) {
            declared.put(f.id(), f.variants().stream().map(Variant::id).toList());
        }
        assertEquals(declared, listed, "README.md's families table must list every family's variants, in order");
    }
}
