package dev.unbind.cli;

import dev.unbind.fault.FaultPlan;
import dev.unbind.fault.FaultRule;
import dev.unbind.kernel.Point;
import dev.unbind.subject.Subjects;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@code --faults} plan against the points of the selected variants: a rule that matches
 * no point (a typo, a renamed point) would silently inject nothing, so it is bad input naming the
 * closest points. A fail rule must match a fallible point.
 */
final class FaultRules {
    private static final int CLOSEST = 3;

    private FaultRules() {
    }

    static void check(FaultPlan plan, List<Subjects.Selected> selected) {
        Set<Point> points = new LinkedHashSet<>();
        selected.forEach(s -> points.addAll(s.family().points()));
        for (FaultRule r : plan.rules()) {
            List<String> candidates = points.stream().filter(p -> !(r instanceof FaultRule.Fail) || p.isFallible())
                    .map(Point::name).distinct().toList();
            if (candidates.stream().noneMatch(r.where()::matches)) {
                String glob = r.where().glob();
                LevenshteinDistance d = LevenshteinDistance.getDefaultInstance();
                List<String> closest = candidates.stream().sorted(Comparator.comparingInt((String p) -> d.apply(glob, p))
                        .thenComparing(p -> p)).limit(CLOSEST).toList();
                throw new BadInput("--faults rule '" + r.spec() + "' matches no " + (r instanceof FaultRule.Fail ? "fallible " : "")
                        + "point of the selected variants; closest: " + String.join(", ", closest));
            }
        }
    }
}
