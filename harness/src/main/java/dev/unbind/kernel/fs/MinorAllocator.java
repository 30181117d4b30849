package dev.unbind.kernel.fs;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.kernel.Kernel;

import java.util.BitSet;
import java.util.List;

/**
 * An IDA of minor numbers: the lowest free one is handed out, so a freed minor is reused by the
 * next registration. Each allocation of a minor bumps its generation, which is how a stale
 * reference to the previous holder is told apart.
 */
public final class MinorAllocator {
    private final Kernel kernel;
    private final String name;
    private final int first;
    private final int size;
    private final BitSet used = new BitSet();
    private final int[] generation;

    public MinorAllocator(Kernel kernel, String name, int first, int size) {
        this.kernel = kernel;
        this.name = name;
        this.first = first;
        this.size = size;
        this.generation = new int[first + size];
    }

    /** ida_alloc_range: the lowest free minor, or -1 when exhausted. */
    public synchronized int alloc() {
        int i = used.nextClearBit(first);
        if (i >= first + size) {
            return -1;
        }
        used.set(i);
        generation[i]++;
        return i;
    }

    /** A fixed minor: false if taken. */
    public synchronized boolean allocFixed(int minor) {
        if (used.get(minor)) {
            return false;
        }
        used.set(minor);
        generation[minor]++;
        return true;
    }

    /** ida_free: freeing a free minor is reported (the kernel WARNs). */
    public void free(int minor) {
        boolean wasUsed;
        synchronized (this) {
            wasUsed = used.get(minor);
            used.clear(minor);
        }
        if (!wasUsed) {
            kernel.report(Kind.DOUBLE_FREE, "ida_free(" + name + ", " + minor + ") of a minor that is not allocated",
                    name + ":" + minor, List.of(Role.of("freed by", kernel.self().site("ida_free(" + minor + ")"))), "");
        }
    }

    public synchronized boolean inUse(int minor) {
        return used.get(minor);
    }

    /** How many times {@code minor} has been allocated. */
    public synchronized int generation(int minor) {
        return generation[minor];
    }
}
