package dev.unbind.code;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where the project's sources are: the directory named by the {@code unbind.home} property (the
 * launcher sets it), else the directory above the module a class was built in
 * ({@code <root>/<module>/target/classes}, or the module's jar in {@code target}). References to source lines are relative to it.
 */
public final class SourceRoot {
    public static final String HOME_PROPERTY = "unbind.home";

    private SourceRoot() {
    }

    /** The project root, if it can be found. */
    public static Optional<Path> root() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank() && Files.isDirectory(Path.of(home))) {
            return Optional.of(Path.of(home).toAbsolutePath().normalize());
        }
        return moduleOf(SourceRoot.class).map(Path::getParent);
    }

    /** The source file of {@code c}, relative to the root ({@code harness/src/main/java/...}); empty when not found. */
    static Optional<String> sourceOf(Class<?> c) {
        Class<?> top = c;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        Optional<Path> module = moduleOf(c);
        Optional<Path> root = root();
        if (module.isEmpty() || root.isEmpty()) {
            return Optional.empty();
        }
        String pkg = c.getPackageName().replace('.', '/');
        String file = top.getSimpleName() + ".java";
        for (String tree : new String[] {"src/main/java", "src/test/java"}) {
            Path p = module.get().resolve(tree).resolve(pkg).resolve(file);
            if (Files.isRegularFile(p)) {
                return Optional.of(relative(root.get(), p));
            }
        }
        return Optional.empty();
    }

    /** Reads a root-relative source file; empty when it is not there. */
    static Optional<Path> resolve(String source) {
        return root().map(r -> r.resolve(source)).filter(Files::isRegularFile);
    }

    private static String relative(Path root, Path file) {
        Path p = file.toAbsolutePath().normalize();
        return (p.startsWith(root) ? root.relativize(p) : p).toString().replace('\\', '/');
    }

    /** {@code <module>} of a class loaded from {@code <module>/target/classes} (or test-classes, or the module's jar). */
    private static Optional<Path> moduleOf(Class<?> c) {
        try {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                return Optional.empty();
            }
            Path classes = Path.of(cs.getLocation().toURI()); // target/classes, or the module's jar in target/
            Path target = classes.getParent();
            if (target == null || target.getFileName() == null || !target.getFileName().toString().equals("target")) {
                return Optional.empty();
            }
            return Optional.ofNullable(target.getParent()).map(p -> p.toAbsolutePath().normalize());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
