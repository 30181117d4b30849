package dev.unbind.cli;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.finding.Kind;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Family;
import dev.unbind.subject.Subjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code unbind new}: the skeleton it writes compiles (in process, against the harness), is
 * registered, and is a family the explorer runs as it is: the racy variant's textbook
 * use-after-free is found, the fixed variant keeps every property. Bad input is one line and
 * exit code 2.
 */
class NewCommandTest {
    private static final String SERVICES = "subjects/src/main/resources/META-INF/services/dev.unbind.subject.Family";

    private static int run(Path root, ByteArrayOutputStream err, String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--root", root.toString())).toArray(String[]::new);
        return Main.run(all, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void skeleton_compiles_andIsRegistered(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve(SERVICES).getParent());
        Files.writeString(root.resolve(SERVICES), "dev.unbind.subjects.drm.DrmFamily\n");
        assertEquals(0, run(root, new ByteArrayOutputStream(), "new", "demo", "--variants", "racy,as-posted,fixed"));
        assertEquals(List.of("dev.unbind.subjects.drm.DrmFamily", "dev.unbind.subjects.demo.DemoFamily"),
                Files.readAllLines(root.resolve(SERVICES)));

        List<Path> sources;
        try (Stream<Path> s = Files.list(root.resolve("subjects/src/main/java/dev/unbind/subjects/demo"))) {
            sources = s.sorted().toList();
        }
        assertEquals(10, sources.size(), sources::toString);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(problems, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", Files.createDirectories(root.resolve("classes")).toString(),
                    "-classpath", System.getProperty("java.class.path"), "-proc:none", "-Xlint:all,-serial", "-Werror");
            boolean ok = javac.getTask(null, files, problems, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(ok, () -> problems.getDiagnostics().toString());
        }
        assertTrue(Files.isRegularFile(root.resolve("classes/dev/unbind/subjects/demo/DemoSubject$Racy.class")));
        assertTrue(Files.isRegularFile(root.resolve("classes/dev/unbind/subjects/demo/DemoSubject$AsPosted.class")));
        assertTrue(Files.isRegularFile(root.resolve("classes/dev/unbind/subjects/demo/DemoSubject$Fixed.class")));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.resolve("classes").toUri().toURL()},
                NewCommandTest.class.getClassLoader())) {
            Family<?> demo = (Family<?>) loader.loadClass("dev.unbind.subjects.demo.DemoFamily").getConstructor().newInstance();
            assertEquals(List.of(Kind.UAF), kindsFound(demo, "demo.racy"));
            assertEquals(List.of(), kindsFound(demo, "demo.fixed"));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The kinds of what the explorer finds on {@code variant}, distinct, at a small bound. */
    private static List<Kind> kindsFound(Family<?> family, String variant) {
        List<Kind> kinds = new ArrayList<>();
        ResultSink sink = new ResultSink() {
            @Override
            public FindingRecord finding(FindingRecord f, FindingFile file) {
                synchronized (kinds) {
                    if (!kinds.contains(f.finding().kind())) {
                        kinds.add(f.finding().kind());
                    }
                }
                return f;
            }

            @Override
            public void run(RunRecord r) {
                assertTrue(!r.status().equals("error"), r::toString);
            }

            @Override
            public void progress(String line) {
            }
        };
        new Explorer(new ExploreOptions(1, 1, 2_000, true, Long.MAX_VALUE), Catalogue.of(Subjects.of(List.of(family))), sink)
                .explore(family, family.variant(variant), 1);
        return kinds;
    }

    @Test
    void badInput_isOneLine_exitTwo(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve(SERVICES).getParent());
        Files.writeString(root.resolve(SERVICES), "");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(root, err, "new", "Demo", "--variants", "a,b"));
        assertEquals(2, run(root, err, "new", "demo", "--variants", "only-one"));
        assertEquals(0, run(root, new ByteArrayOutputStream(), "new", "demo", "--variants", "a,b"));
        assertEquals(2, run(root, err, "new", "demo", "--variants", "a,b"));
        String lines = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, lines.lines().count(), lines);
        assertTrue(lines.lines().allMatch(l -> l.startsWith("unbind: ")), lines);
    }
}
