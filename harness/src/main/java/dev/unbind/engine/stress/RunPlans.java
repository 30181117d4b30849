package dev.unbind.engine.stress;

import dev.unbind.fault.FaultPlan;
import dev.unbind.fault.FaultRule;
import dev.unbind.fault.FaultSpec;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Family;

import java.util.ArrayList;
import java.util.List;

/**
 * The fault plans of one stress target, parsed once instead of once per run. Every run gets seeded
 * delays at the family's points (which delay follows from the run's seed); of every four runs one
 * also gets one of the catalogued plans of the target's scenario in turn, and one a light random
 * failure rate.
 */
final class RunPlans {
    private static final String[] DELAYS = {"yield=1", "spin=300", "park=20us", "park=100us"};

    private final FaultPlan[] delayed;
    private final FaultPlan[][] withDefect;
    private final FaultPlan[] withFailures;

    RunPlans(Family<?> family, String variant, String scenario, FaultPlan extra) {
        List<FaultPlan> defectPlans = new ArrayList<>();
        for (Defect d : family.defectsOf(variant)) {
            if (d.scenario().equals(scenario) && !d.faults().isEmpty()) {
                defectPlans.add(FaultSpec.parse(d.faults()));
            }
        }
        FaultPlan failures = FaultSpec.parse("fail:" + family.id() + ".*:p=0.02");
        delayed = new FaultPlan[DELAYS.length];
        withDefect = new FaultPlan[DELAYS.length][defectPlans.size()];
        withFailures = new FaultPlan[DELAYS.length];
        for (int d = 0; d < DELAYS.length; d++) {
            delayed[d] = FaultSpec.parse("delay:" + family.id() + ".*:" + DELAYS[d] + ",p=0.3").plus(extra);
            for (int j = 0; j < defectPlans.size(); j++) {
                withDefect[d][j] = delayed[d].plus(defectPlans.get(j));
            }
            withFailures[d] = delayed[d].plus(failures);
        }
    }

    /** The plan of run {@code i} (1-based) whose seed is {@code seed}. */
    FaultPlan of(long i, long seed) {
        int d = (int) Math.floorMod(seed, DELAYS.length);
        int mode = (int) (i % 4);
        if (mode == 2 && withDefect[d].length > 0) {
            return withDefect[d][(int) ((i / 4) % withDefect[d].length)];
        }
        return mode == 3 ? withFailures[d] : delayed[d];
    }

    /** What a finding file records: the plan without its delays (they only widen windows). */
    static FaultPlan withoutDelays(FaultPlan p) {
        return new FaultPlan(p.rules().stream().filter(r -> !(r instanceof FaultRule.Delay)).toList());
    }
}
