package dev.unbind.subjects.uio;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Kref;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Mutex;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * struct tcmu_dev (drivers/target/target_core_user.c): one tcmu backstore device, with its
 * uio_info embedded.
 *
 * <p>Who holds {@link #kref}: LIO from tcmu_alloc_device to tcmu_free_device (the initial
 * reference), a configured device from tcmu_configure_device to tcmu_destroy_device, and — as the
 * variants have it — an open file or every VMA mapping the ring. The last put runs
 * tcmu_dev_kref_release, which frees the ring and then the struct itself. Nothing else frees them.
 */
final class TcmuDev {
    final Cell mem;
    final Kref kref;
    final UioInfo info;
    final Mutex cmdrLock;
    /** TCMU_DEV_BIT_OPEN: O_EXCL faked for a char device. */
    private final AtomicBoolean open = new AtomicBoolean();
    /** mb_addr: the vmalloc'ed mailbox and command ring user space maps (standing in for the data pages too). */
    private volatile Cell ring;
    /** Model-side: target_configure_device succeeded, so deleting it runs destroy_device first. */
    private volatile boolean configured;

    TcmuDev(Kernel k, Cell mem, Module owner) {
        this.mem = mem;
        this.kref = new Kref(k, "tcmu_dev.kref", mem);
        this.info = new UioInfo(mem, owner, "tcmu");
        this.cmdrLock = new Mutex(k, "udev->cmdr_lock", mem);
    }

    Cell ring() {
        mem.touch("read udev->mb_addr");
        return ring;
    }

    void ring(Cell r) {
        mem.touch("write udev->mb_addr");
        ring = r;
    }

    /** test_and_set_bit(TCMU_DEV_BIT_OPEN): true if it was already set. */
    boolean testAndSetOpen() {
        mem.touch("test_and_set_bit(TCMU_DEV_BIT_OPEN)");
        return open.getAndSet(true);
    }

    void clearOpen() {
        mem.touch("clear_bit(TCMU_DEV_BIT_OPEN)");
        open.set(false);
    }

    boolean configured() {
        return configured;
    }

    void configured(boolean c) {
        configured = c;
    }
}
