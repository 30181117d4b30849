package dev.unbind.finding;

/**
 * One entry of a witness: the {@code seq}-th named step of the run, taken by {@code actor}.
 * {@code point} is a named point, or an event such as {@code op ioctl} / {@code -> -19}.
 */
public record Step(int seq, String actor, String point) {
    @Override
    public String toString() {
        return seq + " " + actor + " " + point;
    }
}
