package dev.unbind.shard;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The partition: deterministic, complete, balanced, and a batch's cells kept together. */
class ShardPlanTest {
    /** A matrix shaped like a night's: explorer and stress cells of many costs, JCStress tests per variant. */
    private static List<Cell> matrix() {
        List<Cell> cells = new ArrayList<>();
        for (int v = 0; v < 9; v++) {
            for (int s = 0; s < 12; s++) {
                cells.add(new Cell("explorer", "f" + v % 3, "f" + v % 3 + ".v" + v, "s" + s, 0.2 + (v * 7 + s * 13) % 40 / 4.0,
                        Cell.MEASURED));
            }
        }
        for (int v = 0; v < 9; v++) {
            for (int t = 0; t < 4; t++) {
                cells.add(new Cell("jcstress", "f" + v % 3, "f" + v % 3 + ".v" + v, "race-" + t, 12, Cell.ESTIMATED));
            }
        }
        for (int v = 0; v < 9; v++) {
            cells.add(new Cell("stress", "f" + v % 3, "f" + v % 3 + ".v" + v, "s0", 0.5, Cell.ESTIMATED));
        }
        return cells;
    }

    private static ShardPlan plan(List<Cell> cells, int n, long seed) {
        return ShardPlan.partition(cells, n, seed, "15m", List.of("explorer", "jcstress", "stress"), List.of("*"));
    }

    @Test
    void theSameCellsCountAndSeed_alwaysGiveTheSamePartition() {
        ShardPlan a = plan(matrix(), 4, 7);
        ShardPlan b = plan(matrix(), 4, 7);
        assertEquals(a, b);
        assertEquals(a.fingerprint(), b.fingerprint());
        assertNotEquals(a.fingerprint(), plan(matrix(), 3, 7).fingerprint());
    }

    @Test
    void everyCellRunsInExactlyOneShard_inTheNightsOrder() {
        List<Cell> cells = matrix();
        ShardPlan p = plan(cells, 4, 1);
        List<String> all = p.allCells().stream().map(Cell::id).toList();
        assertEquals(cells.size(), all.size());
        assertEquals(cells.stream().map(Cell::id).collect(java.util.stream.Collectors.toSet()), new HashSet<>(all));
        for (int i = 1; i <= 4; i++) {
            List<Cell> mine = p.cellsOf(i);
            List<Cell> inOrder = cells.stream().filter(mine::contains).toList();
            assertEquals(inOrder, mine, "shard " + i + " runs its cells in the matrix's order");
        }
    }

    @Test
    void theMostLoadedShard_isWithinTheLptBound() {
        List<Cell> cells = matrix();
        for (int n : new int[] {2, 3, 4, 7}) {
            ShardPlan p = plan(cells, n, 3);
            double total = 0;
            double max = 0;
            double min = Double.MAX_VALUE;
            for (int i = 1; i <= n; i++) {
                total += p.plannedSeconds(i);
                max = Math.max(max, p.plannedSeconds(i));
                min = Math.min(min, p.plannedSeconds(i));
            }
            // LPT keeps the largest load within 4/3 of the optimum; no unit here exceeds a fair share, so the
            // optimum is the mean
            assertTrue(max <= total / n * 4 / 3 + 1e-9, n + " shards: max " + max + ", mean " + total / n);
            assertTrue(min > 0, n + " shards: every shard has work");
        }
    }

    @Test
    void aVariantsJcstressTests_runInOneShard_oneInvocation() {
        ShardPlan p = plan(matrix(), 4, 5);
        for (int v = 0; v < 9; v++) {
            String variant = "f" + v % 3 + ".v" + v;
            Set<Integer> shards = new HashSet<>();
            for (int i = 1; i <= 4; i++) {
                if (p.cellsOf(i).stream().anyMatch(c -> c.engine().equals("jcstress") && c.variant().equals(variant))) {
                    shards.add(i);
                }
            }
            assertEquals(1, shards.size(), variant + "'s JCStress tests are in shards " + shards);
        }
    }

    @Test
    void aBatchLargerThanAFairShare_isCut() {
        List<Cell> cells = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            cells.add(new Cell("jcstress", "f", "f.v", "race-" + t, 12, Cell.ESTIMATED));
        }
        ShardPlan p = plan(cells, 4, 1);
        for (int i = 1; i <= 4; i++) {
            assertEquals(5, p.cellsOf(i).size(), "shard " + i);
            assertEquals(65, p.plannedSeconds(i), 1e-9, "five tests and one JCStress start-up");
        }
    }

    @Test
    void measuredCosts_replaceTheEstimates() {
        Cell slow = new Cell("explorer", "f", "f.v", "s", 1.0, Cell.ESTIMATED);
        dev.unbind.result.Results r = new dev.unbind.result.Results(List.of(), new dev.unbind.result.Catalogue(List.of()),
                List.of(dev.unbind.result.RunRecord.of("explorer", "f", "f.v", "s", "", 10, 30.0, "ok", ""),
                        dev.unbind.result.RunRecord.of("explorer", "f", "f.v", "s", "fail-nth sweep", 10, 12.0, "ok", "")),
                List.of());
        Cell measured = CellCosts.of(r).apply(List.of(slow)).get(0);
        assertEquals(42.0, measured.seconds(), 1e-9);
        assertEquals(Cell.MEASURED, measured.basis());
    }
}
