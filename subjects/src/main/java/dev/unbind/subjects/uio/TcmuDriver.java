package dev.unbind.subjects.uio;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.VmOperations;
import dev.unbind.kernel.fs.Vma;

import java.util.List;

/**
 * The tcmu backstore (target_core_user), the part every variant shares: LIO's device lifecycle
 * (alloc, configure, destroy, free), the kref release that frees the ring, irqcontrol, and the
 * fault handler of the ring mapping. How the driver pairs its kref with opens, closes and VMAs,
 * and what its configure error path frees, are the hooks {@link TcmuSubject} implements.
 *
 * <p>tcmu registers its uio device with {@code irq = UIO_IRQ_CUSTOM} and its own mmap, which
 * installs the driver's vm_ops: faults on the ring never go through uio and never look at
 * idev->info.
 */
abstract class TcmuDriver {
    static final Point ALLOC_UDEV = Point.fallible("tcmu.alloc_device.kzalloc");
    static final Point VZALLOC_RING = Point.fallible("tcmu.configure.vzalloc_ring");
    static final Point REGISTERED = Point.window("tcmu.configure.registered", "open").guarding("tcmu_dev|tcmu_ring");
    static final Point NETLINK_ADD = Point.fallible("tcmu.configure.netlink_add_event");
    static final Point FAULT = Point.window("tcmu.vma_fault.ring", "delete").guarding("tcmu_ring|tcmu_dev");
    static final Point COMPLETIONS = Point.window("tcmu.irqcontrol.completions", "delete")
            .guarding("tcmu_ring|tcmu_dev");

    final Kernel k;
    final UioCore uio;
    /** target_core_user: owns the uio_info callbacks and tcmu_vm_ops. */
    final Module owner;
    final VmOperations vmOps;

    TcmuDriver(Kernel k, UioCore uio, Module owner) {
        this.k = k;
        this.uio = uio;
        this.owner = owner;
        this.vmOps = new VmOperations("tcmu_vm_ops", owner);
        vmOps.fault = this::fault;
    }

    /** tcmu_alloc_device: kref_init; null when the allocation fails. */
    TcmuDev allocDevice() {
        Cell mem = k.kzalloc(ALLOC_UDEV, "tcmu_dev");
        return mem == null ? null : new TcmuDev(k, mem, owner);
    }

    /** tcmu_configure_device: the ring, the uio device, the configure reference, the netlink event. */
    int configure(TcmuDev udev) {
        Cell ring = k.kzalloc(VZALLOC_RING, "tcmu_ring");
        if (ring == null) {
            return -Errno.ENOMEM;
        }
        udev.ring(ring);
        udev.info.describe(List.of(new UioInfo.Mem("tcm-user command & data buffer", UioInfo.MemType.NONE, ring)),
                UioInfo.IRQ_CUSTOM, (i, inode) -> open(udev, inode), (i, inode) -> release(udev, inode),
                (i, vma) -> mmap(udev, vma), (i, on) -> irqcontrol(udev));
        describeMore(udev);
        int ret = uio.register(owner, udev.info);
        if (ret != 0) {
            freeRing(udev); // err_register
            return ret;
        }
        k.at(REGISTERED);
        udev.kref.get(); // in case user space closes before LIO calls tcmu_free_device
        if (k.fails(NETLINK_ADD)) {
            return netlinkFailed(udev, -Errno.ENOMEM);
        }
        udev.configured(true);
        return 0;
    }

    /** tcmu_destroy_device (LIO deleting a configured device): tell the daemon, unregister, drop the configure ref. */
    void destroy(TcmuDev udev) {
        uio.unregister(udev.info);
        put(udev); // the configure reference
    }

    /** tcmu_free_device: the initial reference. */
    void free(TcmuDev udev) {
        put(udev);
    }

    void put(TcmuDev udev) {
        udev.kref.put(() -> krefRelease(udev));
    }

    /** tcmu_dev_kref_release and tcmu_dev_call_rcu: the ring, then the device. */
    private void krefRelease(TcmuDev udev) {
        freeRing(udev);
        k.memory().free(udev.mem, "tcmu_dev_call_rcu: kfree(udev)");
    }

    /** vfree(udev->mb_addr); udev->mb_addr = NULL. */
    void freeRing(TcmuDev udev) {
        Cell ring = udev.ring();
        if (ring != null) {
            k.memory().free(ring, "vfree(udev->mb_addr)");
            udev.ring(null);
        }
    }

    /** tcmu_irqcontrol, called by uio_write under info_lock: reap completions from the ring. */
    private int irqcontrol(TcmuDev udev) {
        udev.cmdrLock.lock();
        k.at(COMPLETIONS);
        Cell ring = k.deref(udev.ring(), "tcmu_handle_completions: udev->mb_addr");
        ring.touch("tcmu_handle_completions: read mb->cmd_tail");
        udev.cmdrLock.unlock();
        return 0;
    }

    /** tcmu_vma_fault: no uio lock, no info check; the page behind info->mem[0].addr. */
    private int fault(Vma vma, long pgoff) {
        TcmuDev udev = vma.privateData();
        k.at(FAULT);
        int mi = udev.info.memIndex(vma.pgoff());
        if (mi < 0) {
            return Vma.VM_FAULT_SIGBUS;
        }
        udev.info.mem(mi).memory().touch("vmalloc_to_page(info->mem[0].addr + offset)");
        return 0;
    }

    /** tcmu_mmap, under uio's info_lock: the driver's own vm_ops on the VMA. */
    int mmap(TcmuDev udev, Vma vma) {
        vma.vmOps(vmOps);
        vma.privateData(udev);
        return mmapped(udev, vma);
    }

    // ------------------------------------------------------------------ what the variants change

    /** tcmu_open (uio_info.open). */
    abstract int open(TcmuDev udev, Inode inode);

    /** tcmu_release (uio_info.release). */
    abstract int release(TcmuDev udev, Inode inode);

    /** The end of tcmu_mmap, once vm_ops and private data are set. */
    abstract int mmapped(TcmuDev udev, Vma vma);

    /** err_netlink: the uio device is registered and the configure reference taken. */
    abstract int netlinkFailed(TcmuDev udev, int ret);

    /** More of uio_info, before registering. */
    void describeMore(TcmuDev udev) {
    }
}
