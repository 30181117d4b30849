package dev.unbind.engine.jcstress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JCStress command line, and how an invocation is run: its own directory, its log, its blob, a hard stop. */
class JcstressProcessTest {

    @Test
    void command_runsTheJarOnTheSelectionWithTheFastSettings() {
        Path java = Path.of("jdk", "bin", "java");
        Path jar = Path.of("jcstress-tests", "target", "jcstress.jar");
        String regex = "^(?:\\Qa.B.C\\E|\\Qa.B.D\\E)$";
        List<String> c = JcstressProcess.command(java, jar, regex, Duration.ofMillis(250));
        assertEquals(java.toString(), c.get(0));
        assertEquals(jar.toString(), after(c, "-jar"));
        assertEquals(regex, after(c, "-t"), "the regex is one argument, no shell quoting");
        assertEquals("quick", after(c, "-m"));
        assertEquals("-XX:+UseSerialGC", after(c, "-jvmArgs"));
        assertEquals("false", after(c, "-sc"));
        assertEquals("1", after(c, "-iters"));
        assertEquals("250", after(c, "-time"));
        assertTrue(c.indexOf("-jar") < c.indexOf("-t"), "JCStress options come after the jar");
    }

    @Test
    void command_neverAsksForLessThanOneMillisecond() {
        assertEquals("1", after(JcstressProcess.command(Path.of("java"), Path.of("j.jar"), "x", Duration.ZERO), "-time"));
    }

    @Test
    void run_capturesTheOutputAndFindsOnlyTheNewBlob(@TempDir Path dir) throws IOException {
        Files.createFile(dir.resolve("jcstress-results-2000-01-01-00-00-00.bin.gz"));
        JcstressProcess.Result r = JcstressProcess.run(
                List.of("sh", "-c", "echo probing the VM; : > jcstress-results-2001-01-01-00-00-00.bin.gz; exit 3"),
                dir, Duration.ofSeconds(30));
        assertFalse(r.timedOut());
        assertEquals(3, r.exitCode());
        assertEquals(dir.resolve("jcstress-results-2001-01-01-00-00-00.bin.gz"), r.blob());
        assertEquals("probing the VM\n", Files.readString(dir.resolve(JcstressProcess.LOG)));
    }

    @Test
    void run_withoutANewBlob_reportsNone(@TempDir Path dir) throws IOException {
        Files.createFile(dir.resolve("jcstress-results-2000-01-01-00-00-00.bin.gz"));
        assertNull(JcstressProcess.run(List.of("sh", "-c", "exit 0"), dir, Duration.ofSeconds(30)).blob());
    }

    @Test
    void run_pastTheTimeout_killsTheProcessAndEverythingItStarted(@TempDir Path dir) throws IOException {
        JcstressProcess.Result r = JcstressProcess.run(
                List.of("sh", "-c", "sleep 120 & echo $! > fork.pid; wait"), dir.resolve("work"), Duration.ofMillis(500));
        assertTrue(r.timedOut());
        assertEquals(-1, r.exitCode());
        assertTrue(r.seconds() < 60, "stopped long before the fork would have ended: " + r.seconds());
        long fork = Long.parseLong(Files.readString(dir.resolve("work").resolve("fork.pid")).strip());
        assertFalse(ProcessHandle.of(fork).map(ProcessHandle::isAlive).orElse(false), "the forked process was killed too");
    }

    private static String after(List<String> c, String option) {
        int i = c.indexOf(option);
        assertTrue(i >= 0 && i + 1 < c.size(), option + " missing from " + c);
        return c.get(i + 1);
    }
}
