package dev.unbind.engine.explore;

/**
 * Bounds of the explorer.
 *
 * @param preemptions      preemptive switches allowed per schedule (blocking switches are free)
 * @param faultPreemptions the same, for the fail-nth sweep
 * @param maxSchedules     schedules per target before it is called incomplete
 * @param failNthSweep     whether to sweep fail-nth over every fallible step of each scenario
 * @param deadlineNanos    {@link System#nanoTime()} after which exploration stops (Long.MAX_VALUE: none)
 * @param extraPlan        a plan every scenario is also explored under (empty: none)
 */
public record ExploreOptions(int preemptions, int faultPreemptions, int maxSchedules, boolean failNthSweep,
                             long deadlineNanos, dev.unbind.fault.FaultPlan extraPlan) {
    public ExploreOptions(int preemptions, int faultPreemptions, int maxSchedules, boolean failNthSweep, long deadlineNanos) {
        this(preemptions, faultPreemptions, maxSchedules, failNthSweep, deadlineNanos, dev.unbind.fault.FaultPlan.NONE);
    }

    public static ExploreOptions defaults() {
        return new ExploreOptions(3, 2, 20_000, true, Long.MAX_VALUE);
    }

    public ExploreOptions withDeadline(long nanos) {
        return new ExploreOptions(preemptions, faultPreemptions, maxSchedules, failNthSweep, nanos, extraPlan);
    }

    /** Also explore every scenario under {@code plan} (from --faults). */
    public ExploreOptions withExtraPlan(dev.unbind.fault.FaultPlan plan) {
        return new ExploreOptions(preemptions, faultPreemptions, maxSchedules, failNthSweep, deadlineNanos, plan);
    }

    public boolean pastDeadline() {
        return System.nanoTime() > deadlineNanos;
    }
}
