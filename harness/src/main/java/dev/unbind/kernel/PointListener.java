package dev.unbind.kernel;

/** Observes every named point passed (window coverage counters of the stress engine). */
@FunctionalInterface
public interface PointListener {
    void hit(Kernel k, Actor actor, Point p);
}
