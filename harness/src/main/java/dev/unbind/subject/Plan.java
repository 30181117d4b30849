package dev.unbind.subject;

import dev.unbind.kernel.ActorSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * What one run of a scenario does, as phases of actors: a setup phase (probe, open), the racing
 * phase, and the quiescence phase (close everything, remove, unload) after which leaks are
 * checked. Actors of one phase run concurrently; phases run in order.
 */
public record Plan(List<List<ActorSpec>> phases) {
    public Plan {
        phases = List.copyOf(phases);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every actor name, in phase order (for reports). */
    public List<String> actorNames() {
        List<String> out = new ArrayList<>();
        for (List<ActorSpec> p : phases) {
            for (ActorSpec a : p) {
                out.add(a.name());
            }
        }
        return out;
    }

    /** Builds a plan phase by phase. */
    public static final class Builder {
        private final List<List<ActorSpec>> phases = new ArrayList<>();

        /** A phase with one actor. */
        public Builder then(String actor, Runnable body) {
            phases.add(List.of(ActorSpec.of(actor, body)));
            return this;
        }

        /** A phase whose actors race each other. */
        public Builder race(ActorSpec... actors) {
            phases.add(List.of(actors));
            return this;
        }

        /** The last phase: bring the system to quiescence so leaks can be checked. */
        public Plan quiesce(Runnable body) {
            phases.add(List.of(ActorSpec.of("quiesce", body)));
            return new Plan(phases);
        }
    }
}
