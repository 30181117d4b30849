package dev.unbind.cli;

import dev.unbind.result.Catalogue;
import dev.unbind.result.Journal;
import dev.unbind.result.Meta;
import dev.unbind.subject.Subjects;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A results directory being written by one command: a fresh journal headed by the meta and
 * catalogue lines, and the sink engines write into.
 */
final class Workspace implements AutoCloseable {
    final Path dir;
    final Journal journal;
    final JournalSink sink;
    final Catalogue catalogue;
    private final Meta meta;
    private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

    private Workspace(Path dir, Journal journal, JournalSink sink, Catalogue catalogue, Meta meta) {
        this.dir = dir;
        this.journal = journal;
        this.sink = sink;
        this.catalogue = catalogue;
        this.meta = meta;
    }

    /** Starts a fresh results directory (an old journal and findings there are replaced). */
    static Workspace start(Path dir, String command, List<String> subjects, Duration budget, long seed,
                           Subjects all, PrintStream console) {
        return start(dir, command, subjects, budget, seed, 0, all, console, false);
    }

    /**
     * @param minCoverage the share of catalogued defects the run must see (recorded, so that
     *                    {@code unbind report} judges it the same way later)
     * @param verbose     print every finding and every engine's progress, not only the phases
     */
    static Workspace start(Path dir, String command, List<String> subjects, Duration budget, long seed, double minCoverage,
                           Subjects all, PrintStream console, boolean verbose) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(Journal.FILE));
            Path findings = dir.resolve("findings");
            if (Files.isDirectory(findings)) {
                try (Stream<Path> walk = Files.walk(findings)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BadInput("cannot use " + dir + " as a results directory: " + OsReason.of(e));
        }
        Journal journal;
        try {
            journal = Journal.open(dir);
        } catch (UncheckedIOException e) {
            throw new BadInput("cannot write the journal in " + dir + ": " + OsReason.of(e));
        }
        Meta meta = new Meta(command, subjects, budget == null ? "" : budget.toString(), seed,
                Instant.now().toString(), "", host(), System.getProperty("java.version"), "", minCoverage);
        journal.meta(meta);
        Catalogue catalogue = Catalogue.of(all);
        journal.catalogue(catalogue);
        return new Workspace(dir, journal, new JournalSink(dir, journal, console, verbose), catalogue, meta);
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Writes the end marker once: finished, or stopped as {@code how} says (a signal). */
    void end(String how) {
        if (ended.compareAndSet(false, true)) {
            journal.meta(meta.ended(Instant.now().toString(), how));
        }
    }

    @Override
    public void close() {
        end(Meta.FINISHED);
        journal.close();
    }

    static void checkWritable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | UncheckedIOException e) {
            throw new BadInput("cannot create results directory " + dir + ": " + OsReason.of(e));
        }
    }
}
