package dev.unbind.engine.lincheck;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the facade instances Lincheck creates: one per invocation (interleaving) it runs, plus
 * one per replay when it prints a failure. Lincheck reports no such figure itself; a facade calls
 * {@link #started()} in its constructor and the engine reads the count around each check.
 * Checks run one at a time, so one counter serves them all.
 */
public final class Invocations {
    private static final AtomicLong STARTED = new AtomicLong();

    private Invocations() {
    }

    /** Called by a facade's constructor. */
    public static void started() {
        STARTED.incrementAndGet();
    }

    /** The count so far; the engine takes the difference around a check. */
    public static long count() {
        return STARTED.get();
    }
}
