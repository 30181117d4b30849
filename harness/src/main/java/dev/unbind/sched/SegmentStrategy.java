package dev.unbind.sched;

import dev.unbind.kernel.Actor;

import java.util.ArrayList;
import java.util.List;

/**
 * A schedule written the way people describe races: "user runs until
 * {@code canary.inside-access}, then freer runs to the end, then user". Each segment runs one
 * actor until it has passed the named point (or, with no point, as long as it can). When the
 * segment's actor cannot run (blocked, finished) the next segment starts.
 */
public final class SegmentStrategy implements Strategy {
    /** Run {@code actor} until it passes {@code untilPoint}; null = until it cannot run. */
    public record Segment(String actor, String untilPoint) {
        @Override
        public String toString() {
            return actor + (untilPoint == null ? "" : " until " + untilPoint);
        }
    }

    private final List<Segment> segments;
    private int index;
    private boolean ranInSegment;

    public SegmentStrategy(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    /** Parses {@code "user until canary.inside-access", "freer", "user"}. */
    public static SegmentStrategy of(String... segments) {
        List<Segment> out = new ArrayList<>();
        for (String s : segments) {
            String[] parts = s.trim().split("\\s+until\\s+", 2);
            out.add(new Segment(parts[0], parts.length == 2 ? parts[1] : null));
        }
        return new SegmentStrategy(out);
    }

    @Override
    public Actor choose(int decision, List<Actor> enabled, Actor current) {
        while (index < segments.size()) {
            Segment seg = segments.get(index);
            Actor a = find(enabled, seg.actor());
            boolean reached = ranInSegment && seg.untilPoint() != null && current != null
                    && current.name().equals(seg.actor()) && seg.untilPoint().equals(current.stepName());
            if (a == null || reached) {
                index++;
                ranInSegment = false;
                continue;
            }
            ranInSegment = true;
            return a;
        }
        return enabled.contains(current) ? current : enabled.get(0);
    }

    private static Actor find(List<Actor> enabled, String name) {
        for (Actor a : enabled) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
