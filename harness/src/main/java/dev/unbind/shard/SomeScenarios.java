package dev.unbind.shard;

import dev.unbind.kernel.Point;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Family;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Variant;

import java.util.List;
import java.util.Set;

/**
 * A family seen by a shard (or a benchmark): everything as it is, but only some of its scenarios, so
 * that the explorer and stress, which go over a family's scenarios, do only that part of it.
 */
public final class SomeScenarios<M> implements Family<M> {
    private final Family<M> family;
    private final List<Scenario<M>> scenarios;

    private SomeScenarios(Family<M> family, Set<String> ids) {
        this.family = family;
        this.scenarios = family.scenarios().stream().filter(s -> ids.contains(s.id())).toList();
    }

    public static <M> Family<M> of(Family<M> family, Set<String> ids) {
        return new SomeScenarios<>(family, ids);
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
