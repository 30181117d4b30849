package dev.unbind.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No package of {@code dev.unbind.*} depends, directly or through others, on a package that
 * depends on it: the kernel owns the scheduler interface, the schedulers depend on the kernel,
 * engines on both, and so on up. Read from the main sources of every module (imports and fully
 * qualified names), so a cycle that crosses modules is caught too.
 */
class PackageCycleTest {
    private static final Pattern PACKAGE = Pattern.compile("^package (dev\\.unbind[\\w.]*);", Pattern.MULTILINE);
    /** A reference to a class of another package: {@code dev.unbind.kernel.Kernel}, imported or written in full. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.unbind(?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]");
    /** Comments and string literals name classes without depending on them. */
    private static final Pattern NOT_CODE = Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"", Pattern.DOTALL);

    @Test
    void noCycleAmongTheProjectsPackages() {
        Map<String, Set<String>> graph = graphOf(projectRoot());
        assertTrue(graph.size() > 20, "the scan found the project's packages: " + graph.keySet());
        assertEquals(List.of(), cycles(graph), "package cycles (each: the packages that reach each other)");
    }

    @Test
    void commentsAndStringsAreNotDependencies() {
        Map<String, Set<String>> graph = new TreeMap<>();
        addFile(graph, "package dev.unbind.a;\n/** see dev.unbind.b.B */\nclass A { String s = \"dev.unbind.c.C\"; // dev.unbind.d.D\n"
                + "dev.unbind.e.E e; }");
        assertEquals(Set.of("dev.unbind.e"), graph.get("dev.unbind.a"));
    }

    @Test
    void aPlantedCycleIsFound() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a", "d"));
        graph.put("d", Set.of());
        assertEquals(List.of(List.of("a", "b", "c")), cycles(graph));
    }

    private static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("harness")) ? here : here.getParent();
    }

    private static Map<String, Set<String>> graphOf(Path root) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .forEach(p -> addFile(graph, read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private static void addFile(Map<String, Set<String>> graph, String source) {
        Matcher pkg = PACKAGE.matcher(source);
        if (!pkg.find()) {
            return;
        }
        String from = pkg.group(1);
        Set<String> to = graph.computeIfAbsent(from, x -> new TreeSet<>());
        Matcher ref = REFERENCE.matcher(NOT_CODE.matcher(source).replaceAll(" "));
        while (ref.find()) {
            if (!ref.group(1).equals(from)) {
                to.add(ref.group(1));
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tarjan's strongly connected components with more than one package, each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] next = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, out, next);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<List<String>> out, int[] next) {
        index.put(v, next[0]);
        low.put(v, next[0]);
        next[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, out, next);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(null);
                out.add(component);
            }
        }
    }
}
