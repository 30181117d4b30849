package dev.unbind.cli;

import dev.unbind.engine.jcstress.JcstressCase;
import dev.unbind.engine.jcstress.JcstressEngine;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckEngine;
import dev.unbind.result.Catalogue;
import dev.unbind.shard.Cell;
import dev.unbind.shard.CellCosts;
import dev.unbind.shard.Matrix;
import dev.unbind.shard.ShardPlan;
import dev.unbind.shard.ShardRecord;
import dev.unbind.shard.ShardRunner;
import dev.unbind.shard.ShardSpec;
import dev.unbind.subject.Subjects;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code nightly --shard I/N}: the night's matrix is partitioned the same way in every shard
 * ({@link ShardPlan}), this process runs its part within its own budget, and writes its results
 * and {@code shard.json} (the plan, planned and actual time) for {@code merge}.
 */
final class ShardNight {
    private final Main main;

    ShardNight(Main main) {
        this.main = main;
    }

    /**
     * @param costsFrom a history directory or an earlier results directory whose measured cell times
     *                  balance the shards, or null for the estimates
     */
    int run(ShardSpec spec, List<String> globs, List<String> engines, Duration budget, long seed, Path out,
            Path costsFrom) {
        List<String> unsplit = engines.stream().filter(e -> !Matrix.ENGINES.contains(e)).toList();
        if (!unsplit.isEmpty()) {
            throw new BadInput("--shard does not split " + String.join(", ", unsplit) + ": run it in a nightly of its own");
        }
        PrintStream err = main.err();
        Subjects all = main.subjects();
        List<Subjects.Selected> selected = main.select(globs);
        ShardPlan plan = plan(selected, Set.copyOf(engines), spec.count(), seed, budget, globs, costsFrom);
        List<Cell> mine = plan.cellsOf(spec.index());
        long start = System.nanoTime();
        long end = start + budget.toNanos() - Duration.ofSeconds(2).toNanos(); // keep time for the reports
        ShardRecord record = ShardRecord.started(spec.index(), plan, Workspace.host(), Instant.now().toString(), budget.toSeconds());
        long measured = mine.stream().filter(c -> c.basis().equals(Cell.MEASURED)).count();
        err.printf("nightly: shard %s (plan %s): %d of %d cells (%d measured), planned %.0f s of a %d s budget%n",
                spec.label(), plan.fingerprint(), mine.size(), plan.allCells().size(), measured, record.plannedSeconds(),
                budget.toSeconds());
        if (record.plannedSeconds() > budget.toSeconds()) {
            err.printf("nightly: shard %s is planned past its budget: give more shards or a longer --budget%n", spec.label());
        }
        try (Workspace ws = Workspace.start(out, "nightly --shard " + spec.label(), globs, budget, seed, all, err)) {
            write(record, out);
            new ShardRunner(new ShardRunner.Context(selected, ws.catalogue, ws.sink, out, seed, err)).run(mine, end);
        }
        int code = Summary.conclude(out, main.out());
        write(record.finished(Instant.now().toString(), (System.nanoTime() - start) / 1e9), out);
        main.out().printf("nightly shard %s finished in %.1f s (budget %d s, planned %.0f s)%n", spec.label(),
                (System.nanoTime() - start) / 1e9, budget.toSeconds(), record.plannedSeconds());
        return code;
    }

    /** The night's whole partition, as every shard computes it. */
    static ShardPlan plan(List<Subjects.Selected> selected, Set<String> engines, int count, long seed, Duration budget,
                          List<String> globs, Path costsFrom) {
        List<LincheckCheck> checks = engines.contains(LincheckEngine.ENGINE)
                ? new LincheckEngine(LincheckEngine.Options.of(Duration.ZERO), new Catalogue(List.of()), dev.unbind.result.ResultSink.NONE)
                        .checksOf(selected)
                : List.of();
        List<Cell> cells = Matrix.of(selected, engines, checks, engines.contains(JcstressEngine.ENGINE) ? jcstress(selected) : List.of());
        if (costsFrom != null) {
            try {
                cells = CellCosts.read(costsFrom).apply(cells);
            } catch (IOException e) {
                throw new BadInput("cannot read cell costs from " + costsFrom + ": " + e.getMessage());
            }
        }
        List<String> order = Matrix.ENGINES.stream().filter(engines::contains).toList();
        return ShardPlan.partition(cells, count, seed, budget.toString(), order, globs);
    }

    private static List<JcstressCase> jcstress(List<Subjects.Selected> selected) {
        Path jar = JcstressEngine.locateJar();
        if (jar == null || !Files.isRegularFile(jar)) {
            return List.of(); // no jar, no JCStress cells (./unbind builds it)
        }
        try {
            return JcstressEngine.plan(jar, selected).all();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ShardRecord r, Path out) {
        try {
            r.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ShardRecord.FILE + " in " + out, e);
        }
    }
}
