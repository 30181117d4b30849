package dev.unbind.kernel;

import dev.unbind.finding.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sequence of named steps of one run: the raw material of witnesses. A bounded ring: once
 * {@code capacity} entries are written the oldest are overwritten, so a long stress run keeps
 * its latest steps. Under the controlled scheduler the order is exact; on real threads it is the
 * order in which actors claimed sequence numbers.
 */
public final class Trace {
    private final int capacity;
    private final String[] actors;
    private final String[] labels;
    private final AtomicInteger next = new AtomicInteger();

    public Trace(int capacity) {
        this.capacity = capacity;
        this.actors = new String[capacity];
        this.labels = new String[capacity];
    }

    /** Appends an entry; returns its sequence number (1-based). */
    public int record(String actor, String label) {
        int seq = next.getAndIncrement();
        int i = seq % capacity;
        actors[i] = actor;
        labels[i] = label;
        return seq + 1;
    }

    public int size() {
        return next.get();
    }

    /** The retained entries, oldest first. */
    public List<Step> snapshot() {
        int end = next.get();
        int start = Math.max(0, end - capacity);
        List<Step> out = new ArrayList<>(end - start);
        for (int seq = start; seq < end; seq++) {
            int i = seq % capacity;
            String a = actors[i];
            String l = labels[i];
            if (a != null && l != null) {
                out.add(new Step(seq + 1, a, l));
            }
        }
        return out;
    }
}
