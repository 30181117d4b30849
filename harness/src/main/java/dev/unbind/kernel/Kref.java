package dev.unbind.kernel;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * struct kref over refcount_t (Documentation/core-api/kref.rst).
 *
 * <p>Rules:
 * <ol>
 *   <li>A new kref holds one reference ({@code kref_init}).</li>
 *   <li>{@link #get()} is only valid while you already hold a reference. A get on zero is
 *       reported ("addition on 0; use-after-free") and the count saturates: the object is never
 *       released again, as refcount_t does.</li>
 *   <li>{@link #getUnlessZero()} is the only way to take a reference from a lookup structure
 *       that does not itself hold one.</li>
 *   <li>{@link #put(Runnable)} runs {@code release} exactly once, when the count reaches zero. A
 *       put below zero is reported (underflow) and saturates.</li>
 *   <li>Every operation reads the memory the kref lives in ({@code home}), so a kref in freed
 *       memory is a use-after-free.</li>
 * </ol>
 */
public final class Kref {
    private static final int SATURATED = Integer.MIN_VALUE / 2;

    private final Kernel kernel;
    private final String name;
    private final String krefGetLabel;
    private final String krefGetUnlessZeroLabel;
    private final String krefPutLabel;
    private final Cell home;
    private final AtomicInteger count = new AtomicInteger(1);

    public Kref(Kernel kernel, String name, Cell home) {
        this.kernel = kernel;
        this.name = name;
        this.krefGetLabel = "kref_get(" + name + ")";
        this.krefGetUnlessZeroLabel = "kref_get_unless_zero(" + name + ")";
        this.krefPutLabel = "kref_put(" + name + ")";
        this.home = home;
    }

    /** kref_get. */
    public void get() {
        touch(krefGetLabel);
        int old = count.getAndIncrement();
        if (old == 0) {
            count.set(SATURATED);
            kernel.report(Kind.REFCOUNT, "refcount_t: addition on 0; use-after-free (" + name + ")", name,
                    List.of(Role.of("get by", kernel.self().site(krefGetLabel))), "");
        }
    }

    /** kref_get_unless_zero: false if the object is already on its way out. */
    public boolean getUnlessZero() {
        touch(krefGetUnlessZeroLabel);
        while (true) {
            int c = count.get();
            if (c == 0) {
                return false;
            }
            if (c < 0) {
                return true; // saturated: stays alive forever
            }
            if (count.compareAndSet(c, c + 1)) {
                return true;
            }
        }
    }

    /** kref_put: drops a reference; runs {@code release} at zero and returns true then. */
    public boolean put(Runnable release) {
        touch(krefPutLabel);
        int now = count.decrementAndGet();
        if (now == 0) {
            kernel.progress();
            release.run();
            return true;
        }
        if (now == -1) {
            count.set(SATURATED);
            kernel.report(Kind.REFCOUNT, "refcount_t: underflow; use-after-free (" + name + ")", name,
                    List.of(Role.of("put by", kernel.self().site(krefPutLabel))), "");
        }
        return false;
    }

    /** kref_read. */
    public int read() {
        int c = count.get();
        return Math.max(c, 0);
    }

    private void touch(String what) {
        if (home != null) {
            home.touch(what);
        }
    }

    @Override
    public String toString() {
        return "kref " + name + "=" + read();
    }
}
