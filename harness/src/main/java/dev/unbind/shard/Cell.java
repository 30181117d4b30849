package dev.unbind.shard;

/**
 * One cell of the nightly matrix: what one engine does to one variant in one scenario (a JCStress
 * race, a Lincheck check), or, for the read-side cost, to a whole family (its variants are measured
 * in rounds against each other, so they stay together). Every cell runs with the night's seed.
 *
 * @param engine   {@code cost}, {@code explorer}, {@code lincheck}, {@code jcstress}, {@code stress}
 * @param family   the family id
 * @param variant  the variant id; empty for a family's cost cell
 * @param scenario the scenario, JCStress race or Lincheck check; empty for a cost cell
 * @param seconds  what the cell is expected to take
 * @param basis    {@link #MEASURED} (a previous night's run records) or {@link #ESTIMATED}
 */
public record Cell(String engine, String family, String variant, String scenario, double seconds, String basis) {
    public static final String MEASURED = "measured";
    public static final String ESTIMATED = "estimated";

    public Cell {
        variant = variant == null ? "" : variant;
        scenario = scenario == null ? "" : scenario;
    }

    /** {@code explorer drm.quiesced ioctl-vs-remove}, {@code cost drm}: unique in a matrix. */
    public String id() {
        return engine + " " + (variant.isEmpty() ? family : variant) + (scenario.isEmpty() ? "" : " " + scenario);
    }

    public Cell costing(double s, String b) {
        return new Cell(engine, family, variant, scenario, s, b);
    }

    /** True when a run record of {@code engine} on {@code variant} in {@code scenario} is this cell's work. */
    public boolean covers(String recordEngine, String recordFamily, String recordVariant, String recordScenario) {
        if (!engine.equals(recordEngine)) {
            return false;
        }
        if (variant.isEmpty()) {
            return family.equals(recordFamily);
        }
        return variant.equals(recordVariant) && scenario.equals(recordScenario);
    }
}
