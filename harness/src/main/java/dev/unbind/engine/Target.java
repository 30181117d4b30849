package dev.unbind.engine;

import dev.unbind.fault.FaultPlan;
import dev.unbind.subject.Family;

/**
 * What one engine run works on: a variant of a family, one of its scenarios, a fault plan and a
 * seed. The same target always builds the same plan.
 */
public record Target(Family<?> family, String variant, String scenario, FaultPlan faults, long seed) {
    public String describe() {
        return variant + " / " + scenario + (faults.isEmpty() ? "" : " / " + faults.spec());
    }
}
