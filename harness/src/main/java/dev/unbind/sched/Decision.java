package dev.unbind.sched;

import java.util.List;

/**
 * One choice of the controlled scheduler: at decision {@code index}, {@code actor} was resumed
 * from {@code step}; {@code enabled} could have run; {@code preemption} says whether the actor
 * that ran before could have continued.
 */
public record Decision(int index, String actor, String step, List<String> enabled, boolean preemption) {
}
