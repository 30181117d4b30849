package dev.unbind.sched;

import dev.unbind.kernel.Actor;

import java.util.List;

/**
 * Chooses which actor the {@link ControlledScheduler} runs next.
 */
public interface Strategy {
    /**
     * @param decision the index of this decision in the run
     * @param enabled  actors that can run, in creation order (never empty)
     * @param current  the actor that ran last (may be absent from {@code enabled})
     */
    Actor choose(int decision, List<Actor> enabled, Actor current);

    /** Run the current actor as long as it can; otherwise the first enabled one. */
    static Strategy nonPreemptive() {
        return (decision, enabled, current) -> enabled.contains(current) ? current : enabled.get(0);
    }
}
