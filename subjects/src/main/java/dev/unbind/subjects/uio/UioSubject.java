package dev.unbind.subjects.uio;

import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Srcu;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.VmOperations;
import dev.unbind.kernel.fs.Vma;

/**
 * UIO: uio_unregister_device, Bodo Stroesser's late_release, and Greg Kroah-Hartman's rule.
 *
 * <p>Thread: "[PATCH 1/2] uio: Add late_release callback to uio_info", Bodo Stroesser and Greg
 * Kroah-Hartman, February 2021 (seed 002); PROTOCOLS.md §5. uio_unregister_device clears
 * idev->info under info_lock and wakes every sleeper; from then on every fop of an open file sees
 * NULL and fails (read -EIO, write -EINVAL, poll EPOLLERR, mmap -EINVAL), and uio never calls the
 * driver again — "the driver could then be gone. It should NEVER call back into it again." So a
 * file closed after unregister gets no release, and a driver that pairs open with release (tcmu's
 * reference, a platform driver's runtime PM) never sees its pair. Bodo's patch calls a second
 * hook instead:
 *
 * <pre>
 *   CPU0 (daemon)                         CPU1 (driver removal)
 *   open, mmap /dev/uio0
 *                                         uio_unregister_device(info)
 *                                           idev->info = NULL
 *                                           idev->late_info = info       (new)
 *                                         returns: the driver may now free info
 *   munmap, close
 *     uio_release
 *       idev->late_info->late_release()   &lt;-- driver code, driver memory, after unregister
 * </pre>
 *
 * What the variants change in uio itself:
 * <ol>
 *   <li>{@link Mainline}: uio.c as it is. Besides the lost release: the idr entry is published
 *       before device_initialize, a failed registration leaves idev->info set for a racing
 *       opener, PHYS mappings keep their PTEs after unregister, and info->uio_dev keeps pointing at
 *       an idev the last put_device frees (uio_event_notify after unregister).</li>
 *   <li>{@link LateRelease}: the posted patch: late_info saved at unregister, late_release
 *       called from uio_release.</li>
 *   <li>{@link Fenced}: a corrected core. Its rules: (1) the idr entry is published when the
 *       device is complete; (2) every exit — unregister or a failed registration — pays the release
 *       owed to each open file while the driver is still there, then clears info, all under
 *       info_lock; (3) PHYS PTEs are inserted at fault time under info_lock and zapped after info is
 *       cleared; (4) info->uio_dev is cleared and an RCU grace period waited for before the device
 *       reference is dropped, so uio_event_notify after unregister does nothing.</li>
 * </ol>
 */
final class UioSubject {
    private UioSubject() {
    }

    /** drivers/uio/uio.c as mainline has it. */
    static class Mainline extends UioCore {
        Mainline(Kernel k) {
            super(k);
        }

        @Override
        int getMinor(UioDevice idev) {
            return allocMinor(idev, idev); // BUG: published before device_initialize: an early open's reference is lost
        }

        @Override
        void registered(UioDevice idev) {
        }

        @Override
        void registerFailed(UioDevice idev) {
            // BUG: idev->info stays set: a file opened since device_add keeps calling a driver whose registration failed
        }

        @Override
        final void unregister(UioInfo info) {
            UioDevice idev = info.uioDev();
            if (idev == null) {
                return;
            }
            int minor = idev.minor();
            idev.infoLock.lock();
            delAttributes(idev);
            // free_irq(info->irq, idev) for an irq uio requested: no modelled driver lets it
            clearInfo(idev, info);
            k.at(INFO_CLEARED);
            idev.infoLock.unlock();
            afterInfoCleared(idev, info);
            idev.wait.wakeUp(); // wake_up_interruptible, then kill_fasync(POLL_HUP)
            freeMinor(minor);
            deviceDel(idev);
            idev.markUnregistered();
            idev.putDevice(); // BUG: info->uio_dev still points at idev, which this put may free
            idev.driverCalls.close();
        }

        /** Under info_lock: from here every fop of an open file fails. */
        void clearInfo(UioDevice idev, UioInfo info) {
            idev.info(null);
        }

        /** After info_lock is dropped, before sleepers are woken. */
        void afterInfoCleared(UioDevice idev, UioInfo info) {
        }

        @Override
        int driverRelease(UioDevice idev, Listener listener, Inode inode) {
            UioInfo info = idev.info();
            if (info != null && info.hasRelease()) {
                return callDriver(idev, "info->release", () -> info.callRelease(inode));
            }
            return 0; // BUG: after unregister the release this open is owed is never paid
        }

        @Override
        void eventNotify(UioInfo info) {
            UioDevice idev = k.deref(info.uioDev(), "uio_event_notify: info->uio_dev");
            k.at(NOTIFY_IDEV);
            idev.eventInc(); // BUG: after unregister and the last close, idev is freed memory
            idev.wait.wakeUp();
        }

        @Override
        int mmapPhysical(UioDevice idev, UioInfo info, int mi, Vma vma) {
            vma.vmOps(physicalVmOps);
            vma.remapPfn(info.mem(mi).memory()); // BUG: permanent PTEs to the device that unregister never zaps
            return 0;
        }
    }

    /** The posted patch: late_info kept at unregister, late_release called at a later close. */
    static final class LateRelease extends Mainline {
        LateRelease(Kernel k) {
            super(k);
        }

        @Override
        void clearInfo(UioDevice idev, UioInfo info) {
            super.clearInfo(idev, info);
            if (info.hasLateRelease()) {
                idev.lateInfo(info); // BUG: a raw pointer into driver memory, used after unregister returned
            }
        }

        @Override
        int driverRelease(UioDevice idev, Listener listener, Inode inode) {
            UioInfo info = idev.info();
            if (info != null && info.hasRelease()) {
                return callDriver(idev, "info->release", () -> info.callRelease(inode));
            }
            UioInfo late = idev.lateInfo();
            if (late != null && late.hasLateRelease()) {
                // BUG: calls the driver after unregister returned, through memory the driver may have freed
                return callDriver(idev, "late_info->late_release", () -> late.callLateRelease(inode));
            }
            return 0;
        }
    }

    /** A corrected core: nothing reaches the driver after unregister, and nothing owed is lost. */
    static final class Fenced extends Mainline {
        /** Readers of info->uio_dev in uio_event_notify (which runs in interrupt context). */
        private final Srcu notifyRcu;
        private final VmOperations physicalFaultVmOps;

        Fenced(Kernel k) {
            super(k);
            this.notifyRcu = new Srcu(k, "uio_notify_rcu", null);
            this.physicalFaultVmOps = new VmOperations("uio_physical_fault_vm_ops", null);
            physicalFaultVmOps.fault = this::physicalFault;
        }

        @Override
        int getMinor(UioDevice idev) {
            return allocMinor(idev, null); // FIX: only reserved until the device is complete
        }

        @Override
        void registered(UioDevice idev) {
            publishMinor(idev); // FIX: opens find a fully initialised, registered device
        }

        @Override
        void registerFailed(UioDevice idev) {
            idev.infoLock.lock();
            clearInfo(idev, idev.info()); // FIX: no file of a failed registration reaches the driver
            idev.infoLock.unlock();
            idev.mapping.unmapMappingRange();
        }

        @Override
        void clearInfo(UioDevice idev, UioInfo info) {
            idev.mem.touch("walk idev->listeners");
            for (Listener l : idev.listeners) {
                if (info.hasRelease()) {
                    // FIX: the release this open is owed, paid while the driver is still there
                    callDriver(idev, "info->release", () -> info.callRelease(l.inode));
                }
            }
            idev.listeners.clear();
            super.clearInfo(idev, info);
        }

        @Override
        void afterInfoCleared(UioDevice idev, UioInfo info) {
            idev.mapping.unmapMappingRange(); // FIX: every PTE inserted under info_lock is gone
            info.uioDev(null);
            notifyRcu.synchronize(); // FIX: no uio_event_notify still holds idev
        }

        @Override
        void opening(UioDevice idev, File filep) {
            filep.mapping(idev.mapping); // FIX: one address space per device, for the zap
        }

        @Override
        void opened(UioDevice idev, Listener listener) {
            idev.mem.touch("list_add(idev->listeners)");
            idev.listeners.add(listener);
        }

        @Override
        int driverRelease(UioDevice idev, Listener listener, Inode inode) {
            idev.mem.touch("list_del(idev->listeners)");
            idev.listeners.remove(listener);
            return super.driverRelease(idev, listener, inode);
        }

        @Override
        void eventNotify(UioInfo info) {
            int idx = notifyRcu.readLock();
            UioDevice idev = info.uioDev();
            if (idev != null) { // FIX: NULL once unregister started waiting for us
                k.at(NOTIFY_IDEV);
                idev.eventInc();
                idev.wait.wakeUp();
            }
            notifyRcu.readUnlock(idx);
        }

        @Override
        int mmapPhysical(UioDevice idev, UioInfo info, int mi, Vma vma) {
            vma.vmOps(physicalFaultVmOps); // FIX: no PTE exists before the VMA is in the address space the zap walks
            return 0;
        }

        /** vmf_insert_pfn under info_lock, only while registered. */
        private int physicalFault(Vma vma, long pgoff) {
            UioDevice idev = vma.privateData();
            int ret = Vma.VM_FAULT_SIGBUS;
            idev.infoLock.lock();
            UioInfo info = idev.info();
            int mi = info == null ? -1 : info.memIndex(vma.pgoff());
            if (mi >= 0) {
                vma.remapPfn(info.mem(mi).memory());
                ret = 0;
            }
            idev.infoLock.unlock();
            return ret;
        }
    }
}
