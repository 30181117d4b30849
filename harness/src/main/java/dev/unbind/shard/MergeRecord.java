package dev.unbind.shard;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unbind.result.Assessment;
import dev.unbind.result.CiVerdict;
import dev.unbind.result.Journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code merge.json} in a merged results directory: the night's plan, each shard's planned and
 * actual time and how it ended, the cells that did not run, and the merge's problems (a shard
 * missing, unfinished, over time, planned or built differently). The reports show it; its problems
 * are the night's problems too ({@link #amend}).
 *
 * @param fingerprint  the plan's digest ({@link ShardPlan#fingerprint()})
 * @param missingCells cells no shard has a run record of, as {@link Cell#id()}
 */
public record MergeRecord(String format, int count, long seed, String fingerprint, List<ShardLine> shards,
                          List<String> missingCells, List<String> problems, List<String> warnings) {
    public static final String FORMAT = "unbind-merge/1";
    public static final String FILE = "merge.json";

    /** Shard statuses. */
    public static final String OK = "ok";
    public static final String MISSING = "missing";
    public static final String UNFINISHED = "unfinished";
    public static final String OVER_TIME = "over-time";

    /**
     * One shard as the merge found it.
     *
     * @param dir     the directory it was read from ("" when no directory reported it)
     * @param cells   cells planned for it
     * @param ran     of those, cells with a run record
     * @param seconds wall time it took (0 when missing)
     */
    public record ShardLine(int index, String dir, String host, String status, double budgetSeconds,
                            double plannedSeconds, double seconds, int cells, int ran) {
    }

    public MergeRecord {
        shards = List.copyOf(shards);
        missingCells = List.copyOf(missingCells);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public void write(Path dir) throws IOException {
        Journal.json().writer(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(FILE).toFile(), this);
    }

    /** The record in {@code dir}, or null when it is not a merged results directory. */
    public static MergeRecord readIn(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        return Files.isRegularFile(f) ? Journal.json().readValue(f.toFile(), MergeRecord.class) : null;
    }

    /**
     * The assessment of a merged directory with the merge's problems added: a night that lost a shard
     * did not meet its expectations, whatever the shards that reported say. Unchanged elsewhere.
     */
    public static Assessment amend(Assessment a, Path dir) throws IOException {
        MergeRecord m = readIn(dir);
        if (m == null || m.problems().isEmpty()) {
            return a;
        }
        List<String> problems = new ArrayList<>(m.problems());
        problems.addAll(a.problems());
        return new Assessment(a.metas(), a.families(), problems, a.warnings(), a.completion(), a.coverage(),
                CiVerdict.NOT_MET);
    }
}
