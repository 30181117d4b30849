package dev.unbind.shard;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unbind.result.Journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code shard.json} in a shard's results directory: which shard it is, the night's whole plan, and
 * how long it took. Written when the shard starts ({@code running}) and again when it ends
 * ({@code finished}), so a shard that was killed says so.
 *
 * @param budgetSeconds  the shard's budget
 * @param plannedSeconds what the plan expected this shard to take
 * @param seconds        wall time, from start to the end of its reports (0 while running)
 */
public record ShardRecord(String format, int index, ShardPlan plan, String host, String startedAt, String finishedAt,
                          double budgetSeconds, double plannedSeconds, double seconds, String status) {
    public static final String FORMAT = "unbind-shard/1";
    public static final String FILE = "shard.json";
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    /** How far past its budget a shard may end before it counts as over time (the nightly's own limit). */
    public static final double OVERRUN = 1.10;

    public static ShardRecord started(int index, ShardPlan plan, String host, String at, double budgetSeconds) {
        return new ShardRecord(FORMAT, index, plan, host, at, "", budgetSeconds, plan.plannedSeconds(index), 0, RUNNING);
    }

    public ShardRecord finished(String at, double took) {
        return new ShardRecord(format, index, plan, host, startedAt, at, budgetSeconds, plannedSeconds, took, FINISHED);
    }

    public String label() {
        return index + "/" + plan.count();
    }

    public boolean overTime() {
        return seconds > budgetSeconds * OVERRUN;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        Journal.json().writer(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), this);
        Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The record in {@code dir}; IOException with a plain message when there is none or it is not one. */
    public static ShardRecord read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException("no " + FILE + " in " + dir + " (not the results of nightly --shard)");
        }
        ShardRecord r;
        try {
            r = Journal.json().readValue(f.toFile(), ShardRecord.class);
        } catch (IOException e) {
            throw new IOException(f + " is not a shard record (" + e.getClass().getSimpleName() + ")");
        }
        if (!FORMAT.equals(r.format())) {
            throw new IOException(f + " is not a shard record (format " + r.format() + ")");
        }
        return r;
    }
}
