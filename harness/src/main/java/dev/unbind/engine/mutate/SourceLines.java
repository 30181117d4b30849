package dev.unbind.engine.mutate;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The source text of a line of a subject class, for reports: found from where the class was
 * loaded, the Maven way ({@code target/classes} next to {@code src/main/java},
 * {@code target/test-classes} next to {@code src/test/java}). A class loaded from a jar has no
 * source here; its lines are then only numbers.
 */
final class SourceLines {
    private final Map<Path, List<String>> files = new ConcurrentHashMap<>();

    /** The source file of {@code sourceFile} in {@code cls}'s package, relative to the module's source root. */
    static String relativePath(Class<?> cls, String sourceFile) {
        return cls.getPackageName().replace('.', '/') + "/" + sourceFile;
    }

    /** The text of {@code line} of {@code sourceFile} (the class file's SourceFile) next to {@code cls}, or "". */
    String line(Class<?> cls, String sourceFile, int line) {
        Path root = root(cls);
        if (root == null || sourceFile == null || line <= 0) {
            return "";
        }
        Path file = root.resolve(relativePath(cls, sourceFile));
        List<String> lines = files.computeIfAbsent(file, f -> {
            try {
                return Files.isRegularFile(f) ? Files.readAllLines(f) : List.of();
            } catch (IOException e) {
                return List.of();
            }
        });
        return line <= lines.size() ? lines.get(line - 1).strip() : "";
    }

    private static Path root(Class<?> cls) {
        CodeSource cs = cls.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return null;
        }
        try {
            Path classes = Path.of(cs.getLocation().toURI());
            Path target = classes.getParent();
            if (target == null || !Files.isDirectory(classes)) {
                return null;
            }
            String kind = classes.getFileName().toString().equals("test-classes") ? "test" : "main";
            return target.resolveSibling("src").resolve(kind).resolve("java");
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
