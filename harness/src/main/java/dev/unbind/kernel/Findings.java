package dev.unbind.kernel;

import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.finding.Site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The findings of one run, one per bug, capped, with the time of the first one (for
 * time-to-detection).
 *
 * <p>Rules:
 * <ol>
 *   <li>One bug is one finding: a finding of the same kind, on the same object, by the same actor at
 *       the same step of the same user operation as an earlier one (a handler reading four fields of
 *       freed memory) is folded into the earlier one as a further access, the way KASAN reports only
 *       the first bad access.</li>
 *   <li>Another actor, object (instance), step or operation is another bug (a write and an mmap
 *       after the same free are two). The engines that journal findings deduplicate across runs by
 *       {@link Finding#signature()} or defect.</li>
 *   <li>{@link #size()} only grows, so a count taken during the run tells which findings came later.</li>
 * </ol>
 */
public final class Findings {
    private static final int CAP = 64;

    private final List<Finding> list = new ArrayList<>();
    private final Map<String, Integer> bugs = new HashMap<>();
    private volatile int size;
    private volatile long firstAtNanos;

    /**
     * Records a finding, built only if it is a new bug; returns true if it was.
     *
     * @param bug   what makes two findings one bug, from {@link #bug}
     * @param build the finding (its witness is a snapshot of the trace: not taken for a further access)
     */
    public synchronized boolean add(String bug, Supplier<Finding> build) {
        Integer earlier = bugs.get(bug);
        if (earlier != null) {
            list.set(earlier, list.get(earlier).withFurtherAccess());
            return false;
        }
        if (list.size() >= CAP) {
            return false;
        }
        if (list.isEmpty()) {
            firstAtNanos = System.nanoTime();
        }
        bugs.put(bug, list.size());
        list.add(build.get());
        size = list.size();
        return true;
    }

    /**
     * What makes two findings one bug: kind, object, and the offending access's actor, step and the
     * user operation that actor was in ({@code op}, "" for none).
     */
    public static String bug(Kind kind, String object, List<Role> sites, String op) {
        StringBuilder b = new StringBuilder(kind.name()).append('\u0000').append(object);
        if (!sites.isEmpty()) {
            Site at = sites.get(0).site();
            b.append('\u0000').append(at.actor()).append('\u0000').append(at.step()).append('\u0000').append(op);
        }
        return b.toString();
    }

    public boolean any() {
        return size > 0;
    }

    /** How many bugs were recorded so far; cheap enough to call at every named point. */
    public int size() {
        return size;
    }

    public synchronized List<Finding> list() {
        return List.copyOf(list);
    }

    /** {@link System#nanoTime()} when the first finding was recorded, 0 if none. */
    public long firstAtNanos() {
        return firstAtNanos;
    }
}
