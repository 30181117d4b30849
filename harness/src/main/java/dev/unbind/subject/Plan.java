package dev.unbind.subject;

import dev.unbind.kernel.ActorSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * What one run of a scenario does, as phases of actors: setup phases (probe, open), the racing
 * phase, later phases (a use after the race), and the quiescence phase (close everything,
 * remove, unload) after which leaks are checked. Actors of one phase run concurrently; phases
 * run in order.
 *
 * @param phases the phases, in order; the last one is the quiescence phase
 * @param race   the index of the phase {@link Builder#race} built, or -1 when the plan races nothing
 */
public record Plan(List<List<ActorSpec>> phases, int race) {
    public Plan {
        phases = List.copyOf(phases);
        if (race < -1 || race >= phases.size()) {
            throw new IllegalArgumentException("race phase " + race + " of " + phases.size());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The racing actors; empty when the plan races nothing. */
    public List<ActorSpec> racing() {
        return race < 0 ? List.of() : phases.get(race);
    }

    /** The phases before the race: what a JCStress state runs when it is built. */
    public List<List<ActorSpec>> beforeRace() {
        return phases.subList(0, Math.max(0, race));
    }

    /** The phases after the race, quiescence last: what a JCStress arbiter runs. */
    public List<List<ActorSpec>> afterRace() {
        return phases.subList(race + 1, phases.size());
    }

    /** Builds a plan phase by phase. */
    public static final class Builder {
        private final List<List<ActorSpec>> phases = new ArrayList<>();
        private int race = -1;

        /** A phase with one actor. */
        public Builder then(String actor, Runnable body) {
            phases.add(List.of(ActorSpec.of(actor, body)));
            return this;
        }

        /** The phase whose actors race each other; a plan has at most one. */
        public Builder race(ActorSpec... actors) {
            if (race >= 0) {
                throw new IllegalStateException("a plan races once; make a second race another scenario");
            }
            race = phases.size();
            phases.add(List.of(actors));
            return this;
        }

        /** The last phase: bring the system to quiescence so leaks can be checked. */
        public Plan quiesce(Runnable body) {
            phases.add(List.of(ActorSpec.of("quiesce", body)));
            return new Plan(phases, race);
        }
    }
}
