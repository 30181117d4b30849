package dev.unbind.engine.mutate;

import dev.unbind.subject.Family;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mutants a family declares equivalent, with why: {@value #FILE} next to the family's classes
 * (in its package, as a resource). One mutant a line:
 * <pre>
 * # comment
 * drm.quiesced remove-wake DrmSubject$Quiesced.remove WaitQueue.wakeUp#1 -- nothing sleeps on ... when ...
 * </pre>
 * that is the variant, the mutant's {@link Mutant#key() key}, {@code --} and the reason. The key
 * names the mutant by what it changes, so the line stays true while unrelated code moves; a line
 * that names no mutant of its variant any more is an error, so a stale reason cannot hide a
 * survivor.
 */
final class Equivalents {
    static final String FILE = "equivalent-mutants.txt";
    private static final String SEPARATOR = " -- ";

    /** variant id -> mutant key -> reason, in file order. */
    private final Map<String, Map<String, String>> reasons;

    private Equivalents(Map<String, Map<String, String>> reasons) {
        this.reasons = reasons;
    }

    static Equivalents of(Family<?> family) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (InputStream in = family.getClass().getResourceAsStream(FILE)) {
            if (in == null) {
                return new Equivalents(out);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int n = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                int cut = t.indexOf(SEPARATOR);
                int space = t.indexOf(' ');
                if (cut < 0 || space < 0 || space > cut || t.substring(cut + SEPARATOR.length()).isBlank()) {
                    throw new IllegalStateException(where(family, n) + ": expected '<variant> <mutant key> -- <reason>'");
                }
                String variant = t.substring(0, space);
                if (family.variants().stream().noneMatch(v -> v.id().equals(variant))) {
                    throw new IllegalStateException(where(family, n) + ": no variant " + variant + " in " + family.id());
                }
                out.computeIfAbsent(variant, v -> new LinkedHashMap<>())
                        .put(t.substring(space + 1, cut).strip(), t.substring(cut + SEPARATOR.length()).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Equivalents(out);
    }

    private static String where(Family<?> family, int line) {
        return family.getClass().getPackageName().replace('.', '/') + "/" + FILE + ":" + line;
    }

    /** The reason {@code key} of {@code variant} is equivalent, or null. */
    String reason(String variant, String key) {
        return reasons.getOrDefault(variant, Map.of()).get(key);
    }

    /** The keys declared for {@code variant}. */
    java.util.Set<String> keys(String variant) {
        return reasons.getOrDefault(variant, Map.of()).keySet();
    }
}
