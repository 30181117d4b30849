package dev.unbind.kernel;

/** Observes completed user operations: who, which, the result, how long it took on the wall clock. */
@FunctionalInterface
public interface OpListener {
    void done(Actor actor, String op, int result, long nanos);
}
