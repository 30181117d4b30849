package dev.unbind.engine.mutate;

import dev.unbind.kernel.Point;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Family;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Variant;

import java.util.List;
import java.util.Set;

/**
 * A family with only some of its scenarios: what the explorer explores when only those can tell
 * a mutant from the fix (the others never run the mutated instruction, so the deterministic
 * explorer would run them exactly as it ran the fix).
 */
final class ScenarioSubset<M> implements Family<M> {
    private final Family<M> family;
    private final List<Scenario<M>> scenarios;

    private ScenarioSubset(Family<M> family, Set<String> ids) {
        this.family = family;
        this.scenarios = family.scenarios().stream().filter(s -> ids.contains(s.id())).toList();
    }

    static <M> Family<M> of(Family<M> family, Set<String> scenarioIds) {
        return new ScenarioSubset<>(family, scenarioIds);
    }

    @Override
    public String id() {
        return family.id();
    }

    @Override
    public String title() {
        return family.title();
    }

    @Override
    public String summary() {
        return family.summary();
    }

    @Override
    public List<Variant<M>> variants() {
        return family.variants();
    }

    @Override
    public List<Scenario<M>> scenarios() {
        return scenarios;
    }

    @Override
    public List<Defect> defects() {
        return family.defects();
    }

    @Override
    public ReadSide<M> readSide() {
        return family.readSide();
    }

    @Override
    public List<Point> points() {
        return family.points();
    }
}
