package dev.unbind.kernel;

/**
 * Named points inside the primitives themselves, where the interleaving of other actors can
 * change what a protocol sees: between an SRCU read lock and what the reader tests next,
 * between the two halves of a grace period, right before memory is freed, between a
 * percpu_ref kill and its initial reference being dropped, right after a module reference is
 * dropped (whatever runs next may be racing rmmod). They are plain steps: switch points
 * for the explorer, targets for delays, lines in witnesses.
 */
public final class KernelPoints {
    /** Right before a cell is freed (kfree, devres release, drmm release). */
    public static final Point KFREE = Point.step("kernel.kfree");
    /** Inside an SRCU read section, right after srcu_read_lock. */
    public static final Point SRCU_READ_LOCKED = Point.step("kernel.srcu_read_lock.locked");
    /** synchronize_srcu after the index flip, before waiting for the old readers. */
    public static final Point SRCU_FLIPPED = Point.step("kernel.synchronize_srcu.flipped");
    /** module_put has dropped its reference: rmmod may now succeed before the caller goes on. */
    public static final Point MODULE_PUT = Point.step("kernel.module_put.done");
    /** percpu_ref_kill after marking the ref dead, before dropping the initial reference. */
    public static final Point PERCPU_KILLED = Point.step("kernel.percpu_ref_kill.dead");

    private KernelPoints() {
    }
}
