package dev.unbind.kernel;

import dev.unbind.finding.Finding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings of one run, deduplicated by {@link Finding#signature()} and capped, with the
 * time of the first one (for time-to-detection).
 */
public final class Findings {
    private static final int CAP = 64;

    private final List<Finding> list = new ArrayList<>();
    private final Set<String> signatures = new HashSet<>();
    private volatile long firstAtNanos;
    private volatile boolean any;

    /** Adds a finding unless the same signature was already recorded; returns whether it was new. */
    public synchronized boolean add(Finding f) {
        if (list.size() >= CAP || !signatures.add(f.signature())) {
            return false;
        }
        if (list.isEmpty()) {
            firstAtNanos = System.nanoTime();
        }
        list.add(f);
        any = true;
        return true;
    }

    public boolean any() {
        return any;
    }

    public synchronized List<Finding> list() {
        return List.copyOf(list);
    }

    /** {@link System#nanoTime()} when the first finding was recorded, 0 if none. */
    public long firstAtNanos() {
        return firstAtNanos;
    }
}
