package dev.unbind.detect;

import dev.unbind.engine.jcstress.JcstressCase;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Family;
import dev.unbind.subject.Subjects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One race the detection benchmark times: a catalogued defect that a plain JCStress test of its race
 * exists for, so that stress, JCStress and the explorer all look for the same bug.
 *
 * @param test the JCStress test of the defect's variant and scenario
 */
public record Race(Family<?> family, Defect defect, JcstressCase test) {
    public String variant() {
        return defect.variant();
    }

    public String scenario() {
        return defect.scenario();
    }

    /**
     * The benchmark's fixed set: for every family, its first catalogued defect (in the catalogue's
     * order) that needs no injected fault and whose variant has a JCStress test of that scenario;
     * or, when {@code defects} is not empty, exactly those.
     */
    public static List<Race> pick(Subjects subjects, List<JcstressCase> tests, List<String> defects) {
        Map<String, JcstressCase> byKey = tests.stream().collect(Collectors.toMap(JcstressCase::key, Function.identity(), (a, b) -> a));
        List<Race> out = new ArrayList<>();
        for (Family<?> f : subjects.families()) {
            for (Defect d : f.defects()) {
                JcstressCase t = byKey.get(d.variant() + " " + d.scenario());
                boolean wanted = defects.isEmpty() ? d.faults().isEmpty() && t != null : defects.contains(d.id());
                if (wanted) {
                    if (t == null) {
                        throw new IllegalArgumentException("defect " + d.id() + " has no JCStress test of its scenario "
                                + d.scenario() + " to compare with");
                    }
                    out.add(new Race(f, d, t));
                    if (defects.isEmpty()) {
                        break;
                    }
                }
            }
        }
        for (String id : defects) {
            if (out.stream().noneMatch(r -> r.defect().id().equals(id))) {
                throw new IllegalArgumentException("no catalogued defect " + id + " (./unbind list shows them)");
            }
        }
        return out;
    }

    Subjects.Selected selected() {
        return new Subjects.Selected(family, family.variant(variant()));
    }
}
