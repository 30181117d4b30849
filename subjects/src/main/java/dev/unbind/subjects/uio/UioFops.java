package dev.unbind.subjects.uio;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.Vma;

/**
 * uio_fops (drivers/uio/uio.c), unchanged by every variant: open, release, read, write, poll,
 * mmap, and the fault handler of LOGICAL maps. Each takes idev->info_lock and tests
 * idev->info before it touches the driver, so after unregister each fails with its own errno
 * (INV-U2) and read's sleepers are woken to see it (INV-U6). Where a variant differs — what the
 * driver hears of a close, what a PHYS mmap installs — it calls the core's hooks.
 */
@dev.unbind.code.Core
final class UioFops {
    /** s32, the only size read and write accept. */
    static final int EVENT_SIZE = 4;

    static final Point OPEN_FOUND = Point.window("uio.open.idev-found", "delete", "remove")
            .guarding("uio_device|module *|fence uio calls no uio_info callback*");
    static final Point KMALLOC_LISTENER = Point.fallible("uio.open.kmalloc_listener");
    static final Point RELEASE_BEGIN = Point.window("uio.release.begin", "delete", "remove")
            .guarding("uio_device|tcmu_dev|fence uio calls no uio_info callback*");
    static final Point READ_CHECKED = Point.window("uio.read.info-checked", "delete", "remove").guarding("uio_device");
    static final Point MMAP_RETURNING = Point.window("uio.mmap.returning", "delete", "remove")
            .guarding("uio_device|uio_plat_regs|uio_plat_priv|tcmu_ring");

    private final UioCore core;
    private final Kernel k;

    UioFops(UioCore core) {
        this.core = core;
        this.k = core.k;
    }

    /** uio_open. */
    int open(Inode inode, File filep) {
        core.minorLock.lock();
        UioDevice idev = core.idrFind(inode.minor());
        if (idev == null) {
            core.minorLock.unlock();
            return -Errno.ENODEV;
        }
        idev.getDevice();
        core.minorLock.unlock();
        k.at(OPEN_FOUND);
        Module owner = idev.owner();
        if (!owner.tryGet()) {
            idev.putDevice();
            return -Errno.ENODEV;
        }
        Cell mem = k.kzalloc(KMALLOC_LISTENER, "uio_listener");
        if (mem == null) {
            owner.put();
            idev.putDevice();
            return -Errno.ENOMEM;
        }
        Listener listener = new Listener(mem, idev, idev.event(), inode);
        filep.privateData(listener);
        core.opening(idev, filep);
        idev.infoLock.lock();
        UioInfo info = idev.info();
        int ret = 0;
        if (info == null) {
            ret = -Errno.EINVAL;
        } else if (info.hasOpen()) {
            ret = core.callDriver(idev, "info->open", () -> info.callOpen(inode));
        }
        if (ret == 0) {
            core.opened(idev, listener);
        }
        idev.infoLock.unlock();
        if (ret != 0) {
            k.memory().free(mem, "uio_open: kfree(listener)");
            owner.put();
            idev.putDevice();
        }
        return ret;
    }

    /** uio_release: what the driver hears is the variant's; then the file's references go. */
    int release(Inode inode, File filep) {
        Listener listener = filep.privateData();
        UioDevice idev = listener.dev();
        k.at(RELEASE_BEGIN);
        idev.infoLock.lock();
        int ret = core.driverRelease(idev, listener, inode);
        idev.infoLock.unlock();
        idev.owner().put();
        k.memory().free(listener.mem, "uio_release: kfree(listener)");
        idev.putDevice();
        return ret;
    }

    /** uio_read: sleeps until an event or until the device is gone, re-checking info each time. */
    long read(File filep, long count) {
        Listener listener = filep.privateData();
        UioDevice idev = listener.dev();
        if (count != EVENT_SIZE) {
            return -Errno.EINVAL;
        }
        while (true) {
            idev.infoLock.lock();
            UioInfo info = idev.info();
            if (info == null || info.irq() == UioInfo.IRQ_NONE) {
                idev.infoLock.unlock();
                return -Errno.EIO;
            }
            idev.infoLock.unlock();
            k.at(READ_CHECKED);
            int event = idev.event();
            if (event != listener.eventCount()) {
                listener.eventCount(event);
                return EVENT_SIZE;
            }
            if (k.self().signalPending()) {
                return -Errno.ERESTARTSYS;
            }
            // schedule(): the reader joined idev->wait before testing, so a wake-up in between is kept
            idev.wait.waitEventInterruptible(() -> idev.event() != listener.eventCount() || idev.info() == null);
        }
    }

    /** uio_write of an s32 irq_on (always 1 here): the driver's irqcontrol. */
    long write(File filep, long count) {
        Listener listener = filep.privateData();
        UioDevice idev = listener.dev();
        if (count != EVENT_SIZE) {
            return -Errno.EINVAL;
        }
        int retval;
        idev.infoLock.lock();
        UioInfo info = idev.info();
        if (info == null) {
            retval = -Errno.EINVAL;
        } else if (info.irq() == UioInfo.IRQ_NONE) {
            retval = -Errno.EIO;
        } else if (!info.hasIrqcontrol()) {
            retval = -Errno.ENOSYS;
        } else {
            retval = core.callDriver(idev, "info->irqcontrol", () -> info.callIrqcontrol(1));
        }
        idev.infoLock.unlock();
        return retval != 0 ? retval : EVENT_SIZE;
    }

    /** uio_poll: EPOLLERR once the device is gone; never sleeps. */
    int poll(File filep) {
        Listener listener = filep.privateData();
        UioDevice idev = listener.dev();
        idev.infoLock.lock();
        UioInfo info = idev.info();
        int ret = info == null || info.irq() == UioInfo.IRQ_NONE ? Errno.EPOLLERR : 0;
        idev.infoLock.unlock();
        if (ret != 0) {
            return ret;
        }
        return listener.eventCount() != idev.event() ? Errno.EPOLLIN | Errno.EPOLLRDNORM : 0;
    }

    /** uio_mmap: vm_pgoff selects the map; the driver's mmap, or uio's own per memory type. */
    int mmap(File filep, Vma vma) {
        Listener listener = filep.privateData();
        UioDevice idev = listener.dev();
        vma.privateData(idev);
        int ret;
        idev.infoLock.lock();
        UioInfo info = idev.info();
        int mi = info == null ? -1 : info.memIndex(vma.pgoff());
        if (info == null || mi < 0) {
            ret = -Errno.EINVAL;
        } else if (info.hasMmap()) {
            ret = core.callDriver(idev, "info->mmap", () -> info.callMmap(vma));
        } else {
            ret = switch (info.mem(mi).type()) {
                case PHYS -> core.mmapPhysical(idev, info, mi, vma);
                case LOGICAL -> {
                    vma.vmOps(core.logicalVmOps);
                    yield 0;
                }
                default -> -Errno.EINVAL;
            };
        }
        idev.infoLock.unlock();
        k.at(MMAP_RETURNING); // the VMA joins the file's address space only after this returns
        return ret;
    }

    /** uio_vma_fault for LOGICAL maps: SIGBUS once the device is gone. */
    int vmaFault(Vma vma, long pgoff) {
        UioDevice idev = vma.privateData();
        int ret = 0;
        idev.infoLock.lock();
        UioInfo info = idev.info();
        int mi = info == null ? -1 : info.memIndex(vma.pgoff());
        if (mi < 0) {
            ret = Vma.VM_FAULT_SIGBUS;
        } else {
            info.mem(mi); // virt_to_page(addr) and get_page: the PTE pins the page
        }
        idev.infoLock.unlock();
        return ret;
    }
}
