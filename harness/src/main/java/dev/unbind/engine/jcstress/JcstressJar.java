package dev.unbind.engine.jcstress;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shaded JCStress jar, read with JCStress's own classes loaded from the jar itself.
 *
 * <p>Why from the jar: JCStress grades a result against the test's outcomes, which it looks up in
 * {@code META-INF/TestList} through its own class loader. The harness has jcstress-core on its
 * class path but not the tests, so grading there would find no test. Loading JCStress from the
 * jar, in a loader of its own (parent: the platform loader), gives the test list, the blob format
 * and the grading of exactly the JCStress that ran. Only JDK types cross the loader boundary.
 *
 * <p>Calls, by name (JCStress 0.16): {@code TestList.tests()} and {@code getInfo(name).description()};
 * {@code new DiskReadCollector(file, collector).dump()}, {@code ReportUtils.mergedByName},
 * {@code TestResult.getName/status/getTotalCount/getStateKeys/getCount/grading/getMessages/getVmErr},
 * {@code TestGrading.gradingResults}, {@code GradingResult.expect}.
 */
final class JcstressJar implements AutoCloseable {
    private static final String PKG = "org.openjdk.jcstress.";
    private static final int MAX_MESSAGES = 20;

    private final Path jar;
    private final URLClassLoader loader;

    private JcstressJar(Path jar, URLClassLoader loader) {
        this.jar = jar;
        this.loader = loader;
    }

    static JcstressJar open(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no JCStress jar at " + jar);
        }
        URL url = jar.toUri().toURL();
        return new JcstressJar(jar, new URLClassLoader("jcstress-jar", new URL[] {url}, ClassLoader.getPlatformClassLoader()));
    }

    /** Every test the jar lists, name to description. */
    Map<String, String> tests() throws IOException {
        try {
            Class<?> list = type("infra.runners.TestList");
            Map<String, String> out = new TreeMap<>();
            for (Object name : (Collection<?>) list.getMethod("tests").invoke(null)) {
                Object info = list.getMethod("getInfo", String.class).invoke(null, name);
                out.put((String) name, (String) call(info, "description"));
            }
            return out;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot read the test list of " + jar + ": " + describe(e), e);
        }
    }

    /**
     * The results in a blob, merged by test and graded. A blob cut short (JCStress killed while
     * writing) gives what was written before the cut; {@code problems} gets a line about it.
     */
    List<CaseOutcome> read(Path blob, List<String> problems) throws IOException {
        List<Object> collected = new ArrayList<>();
        try {
            Class<?> collectorType = type("infra.collectors.TestResultCollector");
            Object collector = Proxy.newProxyInstance(loader, new Class<?>[] {collectorType}, (proxy, m, args) -> {
                if (m.getName().equals("add") && args != null && args.length == 1) {
                    collected.add(args[0]);
                    return null;
                }
                return switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "unbind results collector";
                    default -> null;
                };
            });
            Class<?> readerType = type("infra.collectors.DiskReadCollector");
            Object reader = readerType.getConstructor(String.class, collectorType).newInstance(blob.toString(), collector);
            try {
                readerType.getMethod("dump").invoke(reader);
            } catch (InvocationTargetException e) {
                problems.add("the results blob ends early (" + describe(e) + "); " + collected.size()
                        + " results read before that");
            } finally {
                readerType.getMethod("close").invoke(reader);
            }
            List<?> merged = (List<?>) type("infra.grading.ReportUtils").getMethod("mergedByName", Collection.class)
                    .invoke(null, collected);
            List<CaseOutcome> out = new ArrayList<>();
            for (Object r : merged) {
                out.add(outcome(r, problems));
            }
            return out;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot read the JCStress results " + blob + ": " + describe(e), e);
        }
    }

    private CaseOutcome outcome(Object r, List<String> problems) throws ReflectiveOperationException {
        String name = (String) call(r, "getName");
        String status = String.valueOf(call(r, "status"));
        long samples = (Long) call(r, "getTotalCount");
        Map<String, String> expect = new TreeMap<>();
        try {
            Object grading = call(r, "grading");
            Map<?, ?> graded = (Map<?, ?>) grading.getClass().getField("gradingResults").get(grading);
            for (Map.Entry<?, ?> e : graded.entrySet()) {
                Object g = e.getValue();
                Object grade = g.getClass().getField("expect").get(g); // an Expect: its name, not its label
                expect.put(String.valueOf(e.getKey()), grade instanceof Enum<?> en ? en.name() : String.valueOf(grade));
            }
        } catch (InvocationTargetException e) {
            problems.add(name + ": JCStress could not grade it (" + describe(e) + ")");
        }
        List<CaseOutcome.Word> words = new ArrayList<>();
        Method count = r.getClass().getMethod("getCount", String.class);
        Set<String> keys = new TreeSet<>();
        ((Collection<?>) call(r, "getStateKeys")).forEach(k -> keys.add(String.valueOf(k)));
        for (String word : keys) {
            words.add(new CaseOutcome.Word(word, (Long) count.invoke(r, word), expect.getOrDefault(word, "UNKNOWN")));
        }
        List<String> messages = new ArrayList<>();
        for (String m : List.of("getMessages", "getVmErr")) {
            for (Object line : (List<?>) call(r, m)) {
                if (messages.size() < MAX_MESSAGES) {
                    messages.add(String.valueOf(line));
                }
            }
        }
        return new CaseOutcome(name, status, samples, words, messages);
    }

    private Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(PKG + name, true, loader);
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        return target.getClass().getMethod(method).invoke(target);
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
