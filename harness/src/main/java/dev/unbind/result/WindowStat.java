package dev.unbind.result;

/**
 * How often a race window was reached: {@code hits} in all; {@code racing} of them while an
 * operation of the other side was in flight (the window was really open); {@code violations}:
 * runs in which an actor that passed the window while it was open then made, in the same user
 * operation, the offending access of a finding on an object the window guards (the window turned
 * into a bug); {@code runs}: runs that passed the point at all.
 */
public record WindowStat(String point, long hits, long racing, long runs, long violations) {
}
