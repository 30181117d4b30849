package dev.unbind.subjects.uio;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.kernel.Kernel;

import java.util.List;

/**
 * The runtime-PM usage count of a device (dev->power.usage_count): pm_runtime_get_sync raises it,
 * pm_runtime_put lowers it; while it is above zero the device never suspends. A put without its
 * get is an underflow the kernel warns about; a get without its put, left at quiescence, is a
 * leaked reference: the device stays powered for good.
 */
@dev.unbind.code.Core
final class RuntimePm {
    private final Kernel k;
    private final String device;
    private int usage;

    RuntimePm(Kernel k, String device) {
        this.k = k;
        this.device = device;
        k.atQuiescence(this::check);
    }

    /** pm_runtime_get_sync. */
    void get() {
        synchronized (this) {
            usage++;
        }
    }

    /** pm_runtime_put. */
    void put() {
        boolean underflow;
        synchronized (this) {
            underflow = usage == 0;
            if (!underflow) {
                usage--;
            }
        }
        if (underflow) {
            k.report(Kind.REFCOUNT, "Runtime PM usage count underflow on " + device, "runtime_pm " + device,
                    List.of(Role.of("put by", k.self().site("pm_runtime_put(" + device + ")"))), "");
        }
    }

    private void check() {
        int left;
        synchronized (this) {
            left = usage;
        }
        if (left != 0) {
            k.report(Kind.LEAK, "runtime PM usage count of " + device + " is " + left
                            + " at quiescence: a pm_runtime_get was never put, the device never suspends",
                    "runtime_pm " + device, List.of(Role.of("leaked in", k.self().site("usage_count " + left))), "");
        }
    }
}
