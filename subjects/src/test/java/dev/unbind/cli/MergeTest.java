package dev.unbind.cli;

import dev.unbind.result.Journal;
import dev.unbind.shard.MergeRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code nightly --shard} then {@code merge}, in this JVM, on the explorer (deterministic): the
 * merge is order-independent and idempotent, a lost shard is a named problem with exit 1, and a
 * merged finding file replays. (That the merged verdicts are one night's is the examples module's
 * test, through the same processes a CI engine starts.)
 */
class MergeTest {
    private static final String[] MATRIX = {"--subjects", "uio.late-release,uio.fenced", "--engines", "explorer",
            "--budget", "60s", "--seed", "3"};

    @TempDir
    static Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run unbind(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void threeShards() {
        for (int i = 1; i <= 3; i++) {
            List<String> args = new ArrayList<>(List.of("nightly", "--shard", i + "/3", "--out", shard(i).toString()));
            args.addAll(List.of(MATRIX));
            Run r = unbind(args);
            assertEquals(0, r.code(), r.out() + r.err());
        }
    }

    private static Path shard(int i) {
        return dir.resolve("shard-" + i);
    }

    private static Run merge(Path out, Path... shards) {
        List<String> args = new ArrayList<>(List.of("merge", "--out", out.toString()));
        Stream.of(shards).forEach(s -> args.add(s.toString()));
        return unbind(args);
    }

    @Test
    void mergingInAnotherOrder_orTwice_writesTheSame() throws IOException {
        Path a = dir.resolve("merged-a");
        Path b = dir.resolve("merged-b");
        assertEquals(0, merge(a, shard(1), shard(2), shard(3)).code());
        assertEquals(0, merge(b, shard(3), shard(1), shard(2)).code());
        List<String> files = List.of(Journal.FILE, MergeRecord.FILE); // the reports are rendered from these
        for (String f : files) {
            assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), f + " in another order");
        }
        List<String> first = new ArrayList<>();
        for (String f : files) {
            first.add(Files.readString(a.resolve(f)));
        }
        assertEquals(0, merge(a, shard(2), shard(3), shard(1), shard(2)).code(), "a shard given twice is one shard");
        for (int i = 0; i < files.size(); i++) {
            assertEquals(first.get(i), Files.readString(a.resolve(files.get(i))), files.get(i) + " merged twice");
        }
    }

    @Test
    void aLostShard_isNamed_andExits1() throws IOException {
        Path merged = dir.resolve("merged-without-2");
        Run r = merge(merged, shard(1), dir.resolve("shard-2-deleted"), shard(3));
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("PROBLEM: shard directory " + dir.resolve("shard-2-deleted") + " does not exist"), r.out());
        assertTrue(r.out().contains("PROBLEM: shard 2/3 did not report: its "), r.out());
        MergeRecord m = MergeRecord.readIn(merged);
        assertEquals(MergeRecord.MISSING, m.shards().get(1).status());
        assertFalse(m.missingCells().isEmpty());
        assertTrue(m.missingCells().stream().allMatch(c -> c.startsWith("explorer uio.")), m.missingCells().toString());
        assertEquals(1, unbind(List.of("report", merged.toString())).code(), "the report of that directory says so too");
    }

    @Test
    void aMergedFindingFile_replays() throws IOException {
        Path merged = dir.resolve("merged-repro");
        assertEquals(0, merge(merged, shard(1), shard(2), shard(3)).code());
        Path finding;
        try (Stream<Path> files = Files.walk(merged.resolve("findings"))) {
            finding = files.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        Run repro = unbind(List.of("repro", finding.toString(), "--repeat", "2"));
        assertEquals(0, repro.code(), repro.out() + repro.err());
        assertTrue(repro.out().contains("reproduced 2 of 2 replays"), repro.out());
        for (var f : Journal.read(merged).findings()) {
            if (f.file() != null) {
                assertTrue(Files.isRegularFile(merged.resolve(f.file())), f.file());
            }
        }
    }
}
