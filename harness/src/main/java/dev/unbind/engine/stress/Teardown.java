package dev.unbind.engine.stress;

import dev.unbind.subject.Family;
import dev.unbind.subject.Scenario;

import java.util.Set;

/**
 * What the stress engine times in one scenario: the family's teardown operations, and the situation
 * user space is in while the device goes away ({@code FD_OPEN}, {@code READER_BLOCKED},
 * {@code MAPPING_ALIVE}, {@code NONE}).
 */
record Teardown(Set<String> ops, String situation) {
    /** Until families declare their teardown operations: the ones the six families use. */
    private static final Set<String> OPS = Set.of("remove", "close", "rmmod", "unbind", "delete");

    static Teardown of(Family<?> family, Scenario<?> scenario) {
        return new Teardown(OPS, situation(scenario.id()));
    }

    /** Until scenarios say it as data: read from the scenario's id. */
    private static String situation(String scenario) {
        if (scenario.matches(".*(blocked|sleep|waiting|pollers).*")) {
            return "READER_BLOCKED";
        }
        if (scenario.matches(".*(mmap|mapped|mapping|fault|fork).*")) {
            return "MAPPING_ALIVE";
        }
        if (scenario.matches(".*(ioctl|read|poll|close|fops|ops|open|write|reopen).*")) {
            return "FD_OPEN";
        }
        return "NONE";
    }
}
