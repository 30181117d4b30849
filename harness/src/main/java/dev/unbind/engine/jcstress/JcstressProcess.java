package dev.unbind.engine.jcstress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One JCStress invocation in a subprocess: {@code java -jar jcstress.jar -t <regex> <fast settings>}
 * in its own working directory (JCStress writes its results blob and HTML report into the current
 * directory, under a one-second timestamp), its output captured in {@code jcstress.log} there,
 * killed with every JVM it forked when it overruns its hard timeout.
 */
final class JcstressProcess {
    static final String LOG = "jcstress.log";
    static final String BLOB_PREFIX = "jcstress-results-";

    /**
     * What one invocation did.
     *
     * @param exitCode the exit code, or -1 when it was killed
     * @param timedOut killed at the hard timeout
     * @param blob     the results blob it wrote, or null
     * @param seconds  wall time
     */
    record Result(int exitCode, boolean timedOut, Path blob, double seconds) {
    }

    private JcstressProcess() {
    }

    /**
     * The command line. Fast settings: the {@code quick} preset, one JVM configuration pair with
     * the serial GC, no split compilation, one iteration of {@code perTest} per configuration.
     */
    static List<String> command(Path java, Path jar, String regex, Duration perTest) {
        List<String> c = new ArrayList<>();
        c.add(java.toString());
        c.add("-XX:+UseSerialGC"); // the host JVM only schedules forks and collects results
        c.add("-jar");
        c.add(jar.toString());
        c.add("-t");
        c.add(regex);
        c.add("-m");
        c.add("quick");
        c.add("-jvmArgs");
        c.add("-XX:+UseSerialGC");
        c.add("-sc");
        c.add("false");
        c.add("-iters");
        c.add("1");
        c.add("-time");
        c.add(Long.toString(Math.max(1, perTest.toMillis())));
        return c;
    }

    /** The java launcher of the running JVM. */
    static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Runs {@code command} in {@code dir} (created if needed), for at most {@code timeout}. */
    static Result run(List<String> command, Path dir, Duration timeout) throws IOException {
        Files.createDirectories(dir);
        List<Path> before = blobs(dir);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(LOG).toFile()).start();
        boolean finished;
        try {
            finished = p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while JCStress ran", e);
        }
        if (!finished) {
            killTree(p);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Path> after = blobs(dir);
        after.removeAll(before);
        Path blob = after.isEmpty() ? null : after.get(after.size() - 1);
        return new Result(finished ? p.exitValue() : -1, !finished, blob, seconds);
    }

    /** Kills the process and every JVM it forked, and waits (two seconds at most) until they are gone. */
    static void killTree(Process p) {
        List<ProcessHandle> forks = p.descendants().toList();
        p.destroyForcibly();
        forks.forEach(ProcessHandle::destroyForcibly);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            p.waitFor(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            for (ProcessHandle h : forks) {
                h.onExit().get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // still exiting after SIGKILL: the kernel will finish it; the budget matters more
        }
    }

    /** The results blobs in {@code dir}, oldest first (names carry the timestamp). */
    static List<Path> blobs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(f -> f.getFileName().toString().startsWith(BLOB_PREFIX)
                    && f.getFileName().toString().endsWith(".bin.gz")).sorted().toList());
        }
    }
}
