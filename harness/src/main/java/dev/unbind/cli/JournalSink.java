package dev.unbind.cli;

import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.Journal;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Journals results in a results directory as they arrive: finding files under
 * {@code findings/<variant>/} (with the texts attached to them), one journal line per finding and
 * per run; each finding and each engine's progress to the console only when verbose (a CI log
 * wants the phases, see {@link NightlyCommand}).
 */
final class JournalSink implements ResultSink {
    private final Path dir;
    private final Journal journal;
    private final PrintStream console;
    private final Map<String, Integer> counters = new HashMap<>();
    private final boolean verbose;
    private final java.util.concurrent.atomic.AtomicInteger findings = new java.util.concurrent.atomic.AtomicInteger();

    JournalSink(Path dir, Journal journal, PrintStream console, boolean verbose) {
        this.dir = dir;
        this.journal = journal;
        this.console = console;
        this.verbose = verbose;
    }

    /** Findings journaled so far. */
    int findings() {
        return findings.get();
    }

    @Override
    public synchronized FindingRecord finding(FindingRecord f, FindingFile file) {
        FindingRecord out = f;
        if (file != null) {
            String base = f.variant() + "/" + f.engine() + "-" + f.scenario() + "-" + f.finding().kind().word();
            int n = counters.merge(base, 1, Integer::sum);
            String rel = "findings/" + base + "-" + n + ".json";
            try {
                file.write(dir.resolve(rel));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out = f.withFile(rel);
        }
        journal.finding(out);
        findings.incrementAndGet();
        if (!verbose) {
            return out;
        }
        console.printf("  found %-10s %-24s %s%s%n", f.finding().kind(), f.variant(),
                out.defect() == null ? "(not in the catalogue) " : out.defect() + " ",
                out.file() == null ? "" : "-> " + out.file());
        return out;
    }

    @Override
    public synchronized String attach(String variant, String name, String text) {
        String rel = "findings/" + variant + "/" + name + ".txt";
        try {
            Path file = dir.resolve(rel);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rel;
    }

    @Override
    public void run(RunRecord r) {
        journal.run(r);
    }

    @Override
    public void progress(String line) {
        if (verbose) {
            console.println(line);
        }
    }
}
