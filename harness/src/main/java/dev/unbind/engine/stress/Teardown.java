package dev.unbind.engine.stress;

import dev.unbind.subject.Family;
import dev.unbind.subject.Scenario;

import java.util.Set;

/**
 * What the stress engine times in one scenario: the family's teardown operations
 * ({@link Family#teardownOps()}), and the situation user space is in while the device goes away
 * ({@link Scenario#situation()}: {@code FD_OPEN}, {@code READER_BLOCKED}, {@code MAPPING_ALIVE},
 * {@code NONE}).
 */
record Teardown(Set<String> ops, String situation) {
    static Teardown of(Family<?> family, Scenario<?> scenario) {
        return new Teardown(Set.copyOf(family.teardownOps()), scenario.situation().name());
    }
}
