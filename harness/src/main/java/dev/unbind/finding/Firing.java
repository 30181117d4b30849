package dev.unbind.finding;

/**
 * A fault that fired: which rule, at which point, on which actor, the hit number of that point
 * for that actor, and what was done ({@code fail}, {@code delay park 200us}, {@code event unbind}).
 */
public record Firing(int seq, String rule, String point, String actor, int hit, String action) {
    @Override
    public String toString() {
        return action + " at " + point + " (" + actor + ", hit " + hit + ")";
    }
}
