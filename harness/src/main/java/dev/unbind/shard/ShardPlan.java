package dev.unbind.shard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The partition of a night's matrix into shards, the same in every shard that computed it: the same
 * cells, costs, count and seed always give the same partition. Written into every shard's results
 * ({@link ShardRecord}) so that {@code merge} knows every cell that was to run and where.
 *
 * <p>How: cells that must run together form a unit (a variant's JCStress tests are one JCStress
 * invocation; a family's Lincheck checks share Lincheck's instrumentation), each unit costing its
 * cells plus that start-up; a unit larger than a fair share is cut into pieces. Units are then
 * dealt largest first to the least loaded shard (LPT), equal units in an order the seed shuffles,
 * which keeps the most loaded shard within 4/3 of the best possible.
 *
 * @param count    shards
 * @param seed     the night's seed
 * @param budget   every shard's own budget, as given ({@code 15m})
 * @param engines  the engines selected
 * @param subjects the variant globs selected
 * @param shards   per shard (index 0 is shard 1), its cells in the order it runs them
 */
public record ShardPlan(int count, long seed, String budget, List<String> engines, List<String> subjects,
                        List<List<Cell>> shards) {
    public ShardPlan {
        engines = List.copyOf(engines);
        subjects = List.copyOf(subjects);
        shards = shards.stream().map(List::copyOf).toList();
    }

    public static ShardPlan partition(List<Cell> cells, int count, long seed, String budget, List<String> engines,
                                      List<String> subjects) {
        List<Unit> units = units(cells, count);
        units.sort(Comparator.comparingDouble(Unit::seconds).reversed()
                .thenComparingLong(u -> mix(seed ^ u.id().hashCode()))
                .thenComparing(Unit::id));
        double[] load = new double[count];
        List<List<Cell>> shards = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shards.add(new ArrayList<>());
        }
        for (Unit u : units) {
            int best = 0;
            for (int i = 1; i < count; i++) {
                if (load[i] < load[best]) {
                    best = i;
                }
            }
            load[best] += u.seconds();
            shards.get(best).addAll(u.cells());
        }
        List<String> order = cells.stream().map(Cell::id).toList();
        for (List<Cell> s : shards) {
            s.sort(Comparator.comparingInt(c -> order.indexOf(c.id())));
        }
        return new ShardPlan(count, seed, budget, engines, subjects, shards);
    }

    /** The cells of shard {@code index} (1-based). */
    public List<Cell> cellsOf(int index) {
        return shards.get(index - 1);
    }

    /** What shard {@code index} (1-based) is planned to take: its cells and their start-ups. */
    public double plannedSeconds(int index) {
        return Matrix.cost(cellsOf(index));
    }

    public List<Cell> allCells() {
        return shards.stream().flatMap(List::stream).toList();
    }

    /** A digest of the partition (count, seed, cell ids per shard): equal in every shard of one night. */
    public String fingerprint() {
        StringBuilder b = new StringBuilder().append(count).append('|').append(seed);
        for (List<Cell> s : shards) {
            b.append('\n');
            s.forEach(c -> b.append(c.id()).append(';'));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cells that run together, with their start-up, and their cost. */
    private record Unit(String id, List<Cell> cells, double seconds) {
    }

    private static List<Unit> units(List<Cell> cells, int count) {
        Map<String, List<Cell>> grouped = new LinkedHashMap<>();
        for (Cell c : cells) {
            grouped.computeIfAbsent(Matrix.batch(c), k -> new ArrayList<>()).add(c);
        }
        double total = cells.stream().mapToDouble(Cell::seconds).sum();
        double fair = total / count;
        List<Unit> out = new ArrayList<>();
        grouped.forEach((key, group) -> {
            double startUp = Matrix.START_UP.getOrDefault(group.get(0).engine(), 0.0);
            List<Cell> piece = new ArrayList<>();
            double sum = 0;
            int n = 0;
            for (Cell c : group) {
                if (!piece.isEmpty() && count > 1 && sum + c.seconds() > fair) {
                    out.add(new Unit(key + " #" + (++n), piece, sum + startUp));
                    piece = new ArrayList<>();
                    sum = 0;
                }
                piece.add(c);
                sum += c.seconds();
            }
            out.add(new Unit(n == 0 ? key : key + " #" + (++n), piece, sum + startUp));
        });
        return out;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
