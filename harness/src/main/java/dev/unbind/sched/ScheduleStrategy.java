package dev.unbind.sched;

import dev.unbind.kernel.Actor;

import java.util.List;

/**
 * Follows a given sequence of actor names for the first decisions, then runs non-preemptively.
 * Used to replay a recorded schedule and by the explorer to extend a prefix. If a named actor is
 * not enabled at its decision the schedule has diverged; the strategy falls back to the default
 * choice and remembers the first divergence.
 */
public final class ScheduleStrategy implements Strategy {
    private final List<String> prefix;
    private int divergedAt = -1;

    public ScheduleStrategy(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    @Override
    public Actor choose(int decision, List<Actor> enabled, Actor current) {
        if (decision < prefix.size()) {
            String want = prefix.get(decision);
            for (Actor a : enabled) {
                if (a.name().equals(want)) {
                    return a;
                }
            }
            if (divergedAt < 0) {
                divergedAt = decision;
            }
        }
        return enabled.contains(current) ? current : enabled.get(0);
    }

    /** The first decision at which the schedule could not be followed, or -1. */
    public int divergedAt() {
        return divergedAt;
    }
}
