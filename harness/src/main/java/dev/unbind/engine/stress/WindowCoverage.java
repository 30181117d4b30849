package dev.unbind.engine.stress;

import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.kernel.Actor;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.OpListener;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.PointListener;
import dev.unbind.result.WindowStat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often each race window of one target was reached, and how often it was really open (an
 * operation of the other side in flight), over many runs; and how often an open window turned
 * into a violation.
 *
 * <p>A run violates a window when an actor passed the window while it was open and then, before
 * the user operation it was in returned, itself made the offending access of a finding (the first
 * site; for a hang, any blocked actor) on an object the window {@linkplain Point#guards guards}.
 * A later finding of the same actor in another operation, on another object, or one reported before
 * it passed the window, is not the window's.
 */
final class WindowCoverage {
    private static final class Counts {
        long hits;
        long racing;
        long runs;
        long violations;
    }

    /** One open pass of an actor through a window: findings from {@code from} to {@code to} are after it. */
    private static final class Pass {
        final Point point;
        final String op;
        final int from;
        int to = -1;

        Pass(Point point, String op, int from) {
            this.point = point;
            this.op = op;
            this.from = from;
        }

        boolean open() {
            return to < 0;
        }
    }

    private final Map<String, Counts> total = new TreeMap<>();

    /** A listener for one run: points passed, and the end of each user operation. */
    final class Run implements PointListener, OpListener {
        private final Map<String, long[]> hits = new ConcurrentHashMap<>();
        /** Per actor, its passes through open windows; each list is written by its actor's thread only. */
        private final Map<String, List<Pass>> passes = new ConcurrentHashMap<>();

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
                List<Pass> mine = passes.computeIfAbsent(actor.name(), n -> new ArrayList<>());
                synchronized (mine) {
                    String op = actor.op();
                    if (mine.stream().noneMatch(x -> x.open() && x.point == p && Objects.equals(x.op, op))) {
                        mine.add(new Pass(p, op, k.findings().size()));
                    }
                }
            }
        }

        @Override
        public void done(Actor actor, String op, int result, long nanos) {
            List<Pass> mine = passes.get(actor.name());
            if (mine == null) {
                return;
            }
            synchronized (mine) {
                int now = actor.kernel().findings().size();
                for (Pass x : mine) {
                    if (x.open() && op.equals(x.op)) {
                        x.to = now;
                    }
                }
            }
        }

        /** Folds this run into the totals, given the run's findings in the order they were recorded. */
        void finish(List<Finding> findings) {
            Set<String> violated = new HashSet<>();
            passes.forEach((actor, mine) -> {
                synchronized (mine) {
                    for (Pass x : mine) {
                        int to = x.open() ? findings.size() : Math.min(x.to, findings.size());
                        for (int i = x.from; i < to; i++) {
                            Finding f = findings.get(i);
                            if (offenders(f).contains(actor) && x.point.guards(f.objectType())) {
                                violated.add(x.point.name());
                                break;
                            }
                        }
                    }
                }
            });
            synchronized (WindowCoverage.this) {
                for (Map.Entry<String, long[]> e : hits.entrySet()) {
                    Counts c = total.computeIfAbsent(e.getKey(), n -> new Counts());
                    long[] h = e.getValue();
                    c.hits += h[0];
                    c.racing += h[1];
                    c.runs++;
                    if (violated.contains(e.getKey())) {
                        c.violations++;
                    }
                }
            }
        }

        Set<String> reached() {
            return hits.keySet();
        }
    }

    /** Who made the offending access: the first site's actor; for a hang, every blocked actor. */
    static Set<String> offenders(Finding f) {
        Set<String> out = new HashSet<>();
        if (f.kind() == Kind.HANG) {
            for (Role r : f.sites()) {
                out.add(r.site().actor());
            }
        } else {
            f.offender().ifPresent(s -> out.add(s.actor()));
        }
        return out;
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
