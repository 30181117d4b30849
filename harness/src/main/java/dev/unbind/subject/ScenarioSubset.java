package dev.unbind.subject;

import dev.unbind.kernel.Point;

import java.util.List;
import java.util.Set;

/**
 * A family with only some of its scenarios, everything else as it is: the explorer and stress go
 * over a family's scenarios, so this is how they do only part of it (a shard's cells, the race a
 * benchmark times, the scenarios that run a mutant's instruction).
 */
public final class ScenarioSubset<M> implements Family<M> {
    private final Family<M> family;
    private final List<Scenario<M>> scenarios;

    private ScenarioSubset(Family<M> family, Set<String> ids) {
        this.family = family;
        this.scenarios = family.scenarios().stream().filter(s -> ids.contains(s.id())).toList();
    }

    public static <M> Family<M> of(Family<M> family, Set<String> ids) {
        return new ScenarioSubset<>(family, ids);
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

    @Override
    public Set<String> teardownOps() {
        return family.teardownOps();
    }

    @Override
    public List<ErrnoRule> errnoContract() {
        return family.errnoContract();
    }

    @Override
    public LincheckFacade lincheck() {
        return family.lincheck();
    }
}
