package dev.unbind.shard;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.unbind.engine.cost.ReadSideEngine;
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

    /** The time each cell took in {@code results}: its run records added up, by {@link Cell#id()}. */
    public static CellCosts of(Results results) {
        Map<String, Double> m = new TreeMap<>();
        for (RunRecord r : results.runs()) {
            if (r.variant().isEmpty()) {
                continue; // an engine that skipped everything
            }
            boolean perFamily = r.engine().equals(ReadSideEngine.ENGINE);
            Cell c = new Cell(r.engine(), r.family(), perFamily ? "" : r.variant(), perFamily ? "" : r.scenario(), 0,
                    Cell.MEASURED);
            m.merge(c.id(), r.seconds(), Double::sum);
        }
        return new CellCosts(m);
    }

    /**
     * The costs kept at {@code path}: a history directory's {@code cells.json}, or a results
     * directory (a previous night), measured from its journal; none when there is neither (the first
     * night of a history).
     */
    public static CellCosts read(Path path) throws IOException {
        if (Files.isRegularFile(path.resolve(FILE))) {
            return new CellCosts(Journal.json().readValue(path.resolve(FILE).toFile(), new TypeReference<Map<String, Double>>() { }));
        }
        if (Files.isRegularFile(path.resolve(Journal.FILE))) {
            return of(Journal.read(path));
        }
        return none();
    }

    /** These costs with those {@code results} measured replacing theirs. */
    public CellCosts updatedBy(Results results) {
        Map<String, Double> m = new TreeMap<>(seconds);
        m.putAll(of(results).seconds);
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
