package dev.unbind.sched;

import dev.unbind.kernel.Actor;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random walk: at each decision, switch to a random enabled actor with probability
 * {@code switchProbability}, else continue. Deterministic for a seed.
 */
public final class RandomStrategy implements Strategy {
    private final SplittableRandom random;
    private final double switchProbability;

    public RandomStrategy(long seed, double switchProbability) {
        this.random = new SplittableRandom(seed);
        this.switchProbability = switchProbability;
    }

    @Override
    public Actor choose(int decision, List<Actor> enabled, Actor current) {
        if (enabled.contains(current) && random.nextDouble() >= switchProbability) {
            return current;
        }
        return enabled.get(random.nextInt(enabled.size()));
    }
}
