package dev.unbind.result;

/**
 * How often a race window was reached: {@code hits} in all, {@code racing} of them while an
 * operation of the other side was in flight (the window was really open).
 */
public record WindowStat(String point, long hits, long racing) {
}
