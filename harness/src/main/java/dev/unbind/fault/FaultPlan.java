package dev.unbind.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A fault plan: the rules of one run, as data. Empty means nothing is armed and named points
 * cost next to nothing.
 */
public record FaultPlan(List<FaultRule> rules) {
    public static final FaultPlan NONE = new FaultPlan(List.of());

    public FaultPlan {
        rules = List.copyOf(rules);
    }

    public static FaultPlan of(FaultRule... rules) {
        return new FaultPlan(List.of(rules));
    }

    /** Fail exactly the nth fallible step of the run (any point). */
    public static FaultPlan failNth(int n) {
        return of(new FaultRule.Fail(new PointGlob("*"), Selection.nth(n)));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public FaultPlan plus(FaultPlan other) {
        List<FaultRule> all = new ArrayList<>(rules);
        all.addAll(other.rules);
        return new FaultPlan(all);
    }

    /** The plan in spec syntax; {@code FaultSpec.parse(plan.spec())} gives the plan back. */
    public String spec() {
        return rules.stream().map(FaultRule::spec).collect(Collectors.joining(";"));
    }

    @Override
    public String toString() {
        return isEmpty() ? "(no faults)" : spec();
    }
}
