package dev.unbind.engine.explore;

/**
 * Bounds of the explorer.
 *
 * @param preemptions      preemptive switches allowed per schedule (blocking switches are free)
 * @param faultPreemptions the same, for the fail-nth sweep
 * @param maxSchedules     schedules per target before it is called incomplete
 * @param failNthSweep     whether to sweep fail-nth over every fallible step of each scenario
 * @param deadlineNanos    {@link System#nanoTime()} after which exploration stops (Long.MAX_VALUE: none)
 */
public record ExploreOptions(int preemptions, int faultPreemptions, int maxSchedules, boolean failNthSweep,
                             long deadlineNanos) {
    public static ExploreOptions defaults() {
        return new ExploreOptions(2, 1, 20_000, true, Long.MAX_VALUE);
    }

    public ExploreOptions withDeadline(long nanos) {
        return new ExploreOptions(preemptions, faultPreemptions, maxSchedules, failNthSweep, nanos);
    }

    public boolean pastDeadline() {
        return System.nanoTime() > deadlineNanos;
    }
}
