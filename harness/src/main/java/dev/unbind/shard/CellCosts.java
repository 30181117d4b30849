package dev.unbind.shard;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.unbind.result.Journal;
import dev.unbind.result.Results;
import dev.unbind.result.RunRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each cell took on an earlier night, in seconds: the run records of its engine, variant and
 * scenario added up. The partition balances shards on these where it has them, on the estimates
 * elsewhere. Kept in a history directory as {@code cells.json}.
 */
public final class CellCosts {
    public static final String FILE = "cells.json";

    private final Map<String, Double> seconds;

    private CellCosts(Map<String, Double> seconds) {
        this.seconds = new TreeMap<>(seconds);
    }

    public static CellCosts none() {
        return new CellCosts(Map.of());
    }

    /** The time each of {@code cells} took in {@code results}; cells without run records are left out. */
    public static CellCosts measured(List<Cell> cells, Results results) {
        Map<String, Double> m = new TreeMap<>();
        for (RunRecord r : results.runs()) {
            for (Cell c : cells) {
                if (c.covers(r.engine(), r.family(), r.variant(), r.scenario())) {
                    m.merge(c.id(), r.seconds(), Double::sum);
                }
            }
        }
        return new CellCosts(m);
    }

    /**
     * The costs kept at {@code path}: a history directory's {@code cells.json}, or a results
     * directory (a previous night), measured from its journal.
     */
    public static CellCosts read(Path path, List<Cell> cells) throws IOException {
        if (Files.isRegularFile(path.resolve(FILE))) {
            return new CellCosts(Journal.json().readValue(path.resolve(FILE).toFile(), new TypeReference<Map<String, Double>>() { }));
        }
        if (Files.isRegularFile(path.resolve(Journal.FILE))) {
            return measured(cells, Journal.read(path));
        }
        return none();
    }

    /** Replaces the costs of the cells {@code results} ran, keeps the others. */
    public CellCosts updatedBy(List<Cell> cells, Results results) {
        Map<String, Double> m = new TreeMap<>(seconds);
        m.putAll(measured(cells, results).seconds);
        return new CellCosts(m);
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Journal.json().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE).toFile(), seconds);
    }

    /** The cells with the measured time where there is one, the estimate elsewhere. */
    public List<Cell> apply(List<Cell> cells) {
        List<Cell> out = new ArrayList<>();
        for (Cell c : cells) {
            Double s = seconds.get(c.id());
            out.add(s == null ? c : c.costing(s, Cell.MEASURED));
        }
        return out;
    }

    public int size() {
        return seconds.size();
    }
}
