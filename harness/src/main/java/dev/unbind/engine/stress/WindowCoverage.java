package dev.unbind.engine.stress;

import dev.unbind.finding.Finding;
import dev.unbind.finding.Role;
import dev.unbind.kernel.Actor;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.PointListener;
import dev.unbind.result.WindowStat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often each race window of one target was reached, and how often it was really open (an
 * operation of the other side in flight), over many runs; and how often an open window turned
 * into a violation: a finding naming an actor that passed the window while it was open.
 */
final class WindowCoverage {
    private static final class Counts {
        long hits;
        long racing;
        long runs;
        long violations;
    }

    private final Map<String, Counts> total = new TreeMap<>();

    /** A listener for one run. */
    final class Run implements PointListener {
        private final Map<String, long[]> hits = new ConcurrentHashMap<>();
        private final Map<String, Set<String>> openedBy = new ConcurrentHashMap<>();

        @Override
        public void hit(Kernel k, Actor actor, Point p) {
            if (p.type() != Point.Type.WINDOW) {
                return;
            }
            long[] c = hits.computeIfAbsent(p.name(), n -> new long[2]);
            boolean racing = k.inFlight(p.racingWith(), actor);
            synchronized (c) {
                c[0]++;
                if (racing) {
                    c[1]++;
                }
            }
            if (racing) {
                openedBy.computeIfAbsent(p.name(), n -> ConcurrentHashMap.newKeySet()).add(actor.name());
            }
        }

        /** Folds this run into the totals, given the run's findings. */
        void finish(List<Finding> findings) {
            Set<String> involved = new java.util.HashSet<>();
            for (Finding f : findings) {
                for (Role r : f.sites()) {
                    involved.add(r.site().actor());
                }
            }
            synchronized (WindowCoverage.this) {
                for (Map.Entry<String, long[]> e : hits.entrySet()) {
                    Counts c = total.computeIfAbsent(e.getKey(), n -> new Counts());
                    long[] h = e.getValue();
                    c.hits += h[0];
                    c.racing += h[1];
                    c.runs++;
                    Set<String> opened = openedBy.getOrDefault(e.getKey(), Set.of());
                    if (opened.stream().anyMatch(involved::contains)) {
                        c.violations++;
                    }
                }
            }
        }

        Set<String> reached() {
            return hits.keySet();
        }
    }

    Run newRun() {
        return new Run();
    }

    synchronized List<WindowStat> stats() {
        List<WindowStat> out = new ArrayList<>();
        total.forEach((name, c) -> out.add(new WindowStat(name, c.hits, c.racing, c.runs, c.violations)));
        return out;
    }
}
