package dev.unbind.cli;

import java.util.Set;

/**
 * The engines nightly runs, in this order, each with its weight: its share of the budget is its
 * weight over the weights of the selected engines still to run, times the time left. Time an
 * engine does not use goes to the ones after it; stress, last, takes whatever remains.
 */
enum NightlyEngine {
    /** What every fix costs per call, device alive; first, before other engines shape the JIT. */
    COST(0.05),
    /** Deterministic: proves the catalogue is still found. */
    EXPLORER(0.35),
    /**
     * Mutation testing of the corrected variants; only when asked for ({@code --engines}): its
     * mutants take minutes, more than a 3-minute night has. Mutants it cannot start in its share
     * are counted as not run.
     */
    MUTATE(0.30),
    /** Lincheck's model checker over every variant's facades. */
    LINCHECK(0.15),
    /** JCStress, rotated by date when not every test fits. */
    JCSTRESS(0.30),
    /** Real threads: time to first detection and race-window coverage. */
    STRESS(0.20);

    private final double weight;

    NightlyEngine(double weight) {
        this.weight = weight;
    }

    /** The part of the time left that {@code this} gets when {@code selected} engines run. */
    double shareOfWhatIsLeft(Set<NightlyEngine> selected) {
        double still = 0;
        for (NightlyEngine e : values()) {
            if (e.ordinal() >= ordinal() && selected.contains(e)) {
                still += e.weight;
            }
        }
        return still == 0 ? 0 : weight / still;
    }
}
