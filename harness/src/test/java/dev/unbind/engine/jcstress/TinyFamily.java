package dev.unbind.engine.jcstress;

import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.Point;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Family;
import dev.unbind.subject.Plan;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Variant;

import java.util.List;
import java.util.Set;

/**
 * A family with nothing to model, for the engine's tests: two variants ({@code tiny.racy},
 * {@code tiny.fixed}), two JCStress scenarios and one the explorer alone runs.
 */
final class TinyFamily implements Family<Object> {
    static final TinyFamily FAMILY = new TinyFamily();

    @Override
    public String id() {
        return "tiny";
    }

    @Override
    public String title() {
        return "tiny";
    }

    @Override
    public String summary() {
        return "";
    }

    @Override
    public List<Variant<Object>> variants() {
        return List.of(new Variant<>("tiny.racy", "", "", Expectation.SHOWS_ITS_DEFECTS, k -> new Object()),
                new Variant<>("tiny.fixed", "", "", Expectation.KEEPS_EVERY_PROPERTY, k -> new Object()));
    }

    @Override
    public List<Scenario<Object>> scenarios() {
        return List.of(race("ioctl-vs-remove").jcstress(), race("close-vs-remove").jcstress(), race("explored-only"));
    }

    private static Scenario<Object> race(String id) {
        return Scenario.of(id, id, (k, m) -> Plan.builder()
                .race(ActorSpec.of("user", () -> { }), ActorSpec.of("remover", () -> { }))
                .quiesce(() -> { }));
    }

    @Override
    public List<Defect> defects() {
        return List.of();
    }

    @Override
    public ReadSide<Object> readSide() {
        return ReadSide.of("nothing", (k, m) -> () -> { });
    }

    @Override
    public List<Point> points() {
        return List.of();
    }


    @Override
    public Set<String> teardownOps() {
        return Set.of("remove");
    }
}
