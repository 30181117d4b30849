package dev.unbind.shard;

import dev.unbind.engine.cost.ReadSideEngine;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.engine.jcstress.JcstressCase;
import dev.unbind.engine.jcstress.JcstressEngine;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckEngine;
import dev.unbind.engine.stress.StressEngine;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Subjects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every cell of a night: the selected engines over the selected variants, in the order nightly
 * runs them (cost, explorer, Lincheck, JCStress, stress), each with an estimated cost that a
 * previous night's measurements replace ({@link CellCosts}).
 *
 * <p>Estimates, in seconds: the read side 0.5 per variant; the explorer 1 per scenario; a
 * Lincheck check 6; a JCStress test 12 (today's full matrix: 1,403 s for 115 tests); stress 0.5
 * per scenario, which is only a floor: stress takes whatever time a shard has left.
 */
public final class Matrix {
    /** The engines, in the order a night runs them. */
    public static final List<String> ENGINES = List.of(ReadSideEngine.ENGINE, Explorer.ENGINE, LincheckEngine.ENGINE,
            JcstressEngine.ENGINE, StressEngine.ENGINE);

    static final Map<String, Double> ESTIMATE = Map.of(ReadSideEngine.ENGINE, 0.5, Explorer.ENGINE, 1.0,
            LincheckEngine.ENGINE, 6.0, JcstressEngine.ENGINE, 12.0, StressEngine.ENGINE, 0.5);

    /**
     * Cost a batch of cells pays once: a JCStress invocation probing the VM (one per variant), Lincheck
     * instrumenting the classes (once per process).
     */
    static final Map<String, Double> START_UP = Map.of(JcstressEngine.ENGINE, 5.0, LincheckEngine.ENGINE, 15.0);

    private Matrix() {
    }

    /**
     * The cells of the selection.
     *
     * @param checks   the Lincheck checks of the selected variants
     * @param jcstress the JCStress tests of the selected variants
     */
    public static List<Cell> of(List<Subjects.Selected> selected, Set<String> engines, List<LincheckCheck> checks,
                                List<JcstressCase> jcstress) {
        List<Cell> out = new ArrayList<>();
        for (String engine : ENGINES) {
            if (!engines.contains(engine)) {
                continue;
            }
            double each = ESTIMATE.get(engine);
            switch (engine) {
                case "cost" -> {
                    Map<String, Integer> perFamily = new LinkedHashMap<>();
                    selected.forEach(s -> perFamily.merge(s.family().id(), 1, Integer::sum));
                    perFamily.forEach((f, n) -> out.add(new Cell(engine, f, "", "", each * n, Cell.ESTIMATED)));
                }
                case "lincheck" -> checks.forEach(c -> out.add(new Cell(engine, family(c.variant()), c.variant(), c.name(),
                        each, Cell.ESTIMATED)));
                case "jcstress" -> jcstress.forEach(t -> out.add(new Cell(engine, t.family(), t.variant(), t.race(), each,
                        Cell.ESTIMATED)));
                default -> {
                    for (Subjects.Selected s : selected) {
                        for (Scenario<?> sc : s.family().scenarios()) {
                            out.add(new Cell(engine, s.family().id(), s.id(), sc.id(), each, Cell.ESTIMATED));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The batch a cell runs in: a variant's JCStress tests, a family's Lincheck checks, or the cell alone. */
    static String batch(Cell c) {
        return switch (c.engine()) {
            case "jcstress" -> c.engine() + " " + c.variant();
            case "lincheck" -> c.engine() + " " + c.family();
            default -> c.id();
        };
    }

    /** What cells cost, with the start-up their batches pay once. */
    static double cost(List<Cell> cells) {
        double s = 0;
        Set<String> batches = new java.util.HashSet<>();
        for (Cell c : cells) {
            s += c.seconds();
            if (batches.add(batch(c))) {
                s += START_UP.getOrDefault(c.engine(), 0.0);
            }
        }
        return s;
    }

    static String family(String variant) {
        return variant.substring(0, Math.max(0, variant.indexOf('.')));
    }
}
