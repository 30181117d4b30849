package dev.unbind.shard;

import dev.unbind.engine.cost.ReadSideEngine;
import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.engine.jcstress.JcstressEngine;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckEngine;
import dev.unbind.engine.stress.StressEngine;
import dev.unbind.result.Catalogue;
import dev.unbind.result.ResultSink;
import dev.unbind.subject.Family;
import dev.unbind.subject.ScenarioSubset;
import dev.unbind.subject.Subjects;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs one shard's cells on the engines, in the night's engine order, within the shard's budget.
 * Each engine gets the part of the time left that its cells are of the cells left (by their costs,
 * start-ups included), and time it does not use goes to the next; stress, last, takes the rest.
 * Inside an engine, the explorer gives each variant the part its cells are of the engine's.
 */
public final class ShardRunner {
    /**
     * @param selected every selected variant (the cells say which of them this shard runs)
     * @param out      the shard's results directory (JCStress works under it)
     */
    public record Context(List<Subjects.Selected> selected, Catalogue catalogue, ResultSink sink, Path out, long seed,
                          PrintStream console) {
    }

    private final Context cx;

    public ShardRunner(Context cx) {
        this.cx = cx;
    }

    /** Runs {@code cells} until {@code end} ({@link System#nanoTime()}). */
    public void run(List<Cell> cells, long end) {
        for (String engine : Matrix.ENGINES) {
            List<Cell> mine = cells.stream().filter(c -> c.engine().equals(engine)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            List<Cell> rest = cells.subList(cells.indexOf(mine.get(0)), cells.size());
            long left = Math.max(0, end - System.nanoTime());
            long share = engine.equals(StressEngine.ENGINE) ? left : (long) (left * Matrix.cost(mine) / Math.max(1e-9, Matrix.cost(rest)));
            cx.console().printf("shard: %s, %d cell(s), %.0f s%n", engine, mine.size(), share / 1e9);
            switch (engine) {
                case "cost" -> cost(mine, share);
                case "explorer" -> explore(mine, System.nanoTime() + share);
                case "lincheck" -> lincheck(mine, share);
                case "jcstress" -> jcstress(mine, share);
                default -> stress(mine, Math.max(1_000_000_000L, share));
            }
        }
    }

    private void cost(List<Cell> cells, long nanos) {
        int variants = 0;
        for (Cell c : cells) {
            variants += variantsOf(c.family()).size();
        }
        long each = nanos / Math.max(1, variants);
        Duration perVariant = Duration.ofNanos(Math.max(100_000_000L, Math.min(2_000_000_000L, each)));
        for (Cell c : cells) {
            new ReadSideEngine(new ReadSideEngine.Options(perVariant), cx.sink()).run(variantsOf(c.family()));
        }
    }

    private void explore(List<Cell> cells, long until) {
        Map<String, List<Cell>> byVariant = byVariant(cells);
        double left = Matrix.cost(cells);
        for (List<Cell> mine : byVariant.values()) {
            long now = System.nanoTime();
            double part = Matrix.cost(mine);
            long deadline = now + (long) (Math.max(0, until - now) * part / Math.max(1e-9, left));
            left -= part;
            Subjects.Selected s = restricted(mine);
            new Explorer(ExploreOptions.defaults().withDeadline(deadline), cx.catalogue(), cx.sink())
                    .explore(s.family(), s.variant(), cx.seed());
        }
    }

    private void lincheck(List<Cell> cells, long nanos) {
        Set<String> ids = cells.stream().map(Cell::id).collect(Collectors.toSet());
        LincheckEngine all = new LincheckEngine(LincheckEngine.Options.of(Duration.ofNanos(nanos)), cx.catalogue(), cx.sink());
        List<LincheckCheck> checks = all.checksOf(cx.selected()).stream()
                .filter(c -> ids.contains(new Cell(LincheckEngine.ENGINE, Matrix.family(c.variant()), c.variant(), c.name(), 0,
                        Cell.ESTIMATED).id()))
                .toList();
        new LincheckEngine(LincheckEngine.Options.of(Duration.ofNanos(nanos)), cx.catalogue(), cx.sink(), checks)
                .run(variantsIn(cells));
    }

    private void jcstress(List<Cell> cells, long nanos) {
        Set<String> keys = cells.stream().map(c -> c.variant() + " " + c.scenario()).collect(Collectors.toSet());
        new JcstressEngine(JcstressEngine.Options.of(cx.out(), Duration.ofNanos(nanos)).only(keys), cx.catalogue(), cx.sink())
                .run(variantsIn(cells));
    }

    private void stress(List<Cell> cells, long nanos) {
        List<Subjects.Selected> targets = new ArrayList<>();
        byVariant(cells).values().forEach(mine -> targets.add(restricted(mine)));
        new StressEngine(StressEngine.Options.of(Duration.ofNanos(nanos), cx.seed()), cx.catalogue(), cx.sink()).run(targets);
    }

    /** The variant of {@code cells} (all of one variant) with its family cut down to their scenarios. */
    private Subjects.Selected restricted(List<Cell> cells) {
        Subjects.Selected s = selected(cells.get(0).variant());
        Set<String> scenarios = new LinkedHashSet<>();
        cells.forEach(c -> scenarios.add(c.scenario()));
        return new Subjects.Selected(restrict(s.family(), scenarios), s.variant());
    }

    private static <M> Family<M> restrict(Family<M> f, Set<String> scenarios) {
        return ScenarioSubset.of(f, scenarios);
    }

    private List<Subjects.Selected> variantsOf(String family) {
        return cx.selected().stream().filter(s -> s.family().id().equals(family)).toList();
    }

    private List<Subjects.Selected> variantsIn(List<Cell> cells) {
        Set<String> ids = cells.stream().map(Cell::variant).collect(Collectors.toSet());
        return cx.selected().stream().filter(s -> ids.contains(s.id())).toList();
    }

    private Subjects.Selected selected(String variant) {
        return cx.selected().stream().filter(s -> s.id().equals(variant)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the plan names " + variant + ", which is not selected"));
    }

    private static Map<String, List<Cell>> byVariant(List<Cell> cells) {
        Map<String, List<Cell>> out = new LinkedHashMap<>();
        cells.forEach(c -> out.computeIfAbsent(c.variant(), v -> new ArrayList<>()).add(c));
        return out;
    }
}
