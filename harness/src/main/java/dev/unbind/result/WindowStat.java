package dev.unbind.result;

/**
 * How often a race window was reached: {@code hits} in all; {@code racing} of them while an
 * operation of the other side was in flight (the window was really open); {@code violations}:
 * runs with a finding that names an actor which passed the window while it was open (the window
 * turned into a bug); {@code runs}: runs that passed the point at all.
 */
public record WindowStat(String point, long hits, long racing, long runs, long violations) {
}
