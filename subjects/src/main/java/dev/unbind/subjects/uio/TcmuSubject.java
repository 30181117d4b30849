package dev.unbind.subjects.uio;

import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.Vma;

/**
 * tcmu's use of uio, before and after "scsi: target: tcmu: Fix memory leak caused by wrong uio
 * usage" (Bodo Stroesser, February 2021; PROTOCOLS.md §5(b), §5(c) U1).
 *
 * <p>tcmu frees its ring and data pages only from its kref release, so that a daemon that still
 * has them mapped is never left with SIGBUS (U3). Before the fix an open file held a reference,
 * dropped in tcmu_release. But uio does not call release for a file closed after
 * uio_unregister_device, so deleting the device while tcmu-runner has it open leaks everything:
 *
 * <pre>
 *   CPU0 (tcmu-runner)                 CPU1 (admin: rmdir the backstore)
 *   open /dev/uio0   kref 3 (init, configure, open)
 *   mmap the ring
 *                                       tcmu_destroy_device
 *                                         uio_unregister_device   idev->info = NULL
 *                                         kref_put (configure)    kref 2
 *                                       tcmu_free_device          kref 1
 *   exit: munmap, close
 *     uio_release: idev->info == NULL
 *       tcmu_release is never called   kref stays 1: ring and device leak
 * </pre>
 *
 * The fix moved the reference from the file to the mapping: tcmu_mmap takes it, vm_ops open takes
 * one for every VMA copy (fork, split), vm_ops close drops it; open and release no longer touch
 * it. The rules it relies on:
 * <ol>
 *   <li>Every VMA that can fault on the ring holds exactly one reference (INV-U4).</li>
 *   <li>A file without a mapping needs no reference: nothing of tcmu's is reachable through it
 *       after unregister but uio's own fops, which see info == NULL.</li>
 *   <li>The ring is freed only by the kref release — including on configure's error path.</li>
 * </ol>
 */
final class TcmuSubject {
    private TcmuSubject() {
    }

    /** Before the fix: the open file holds the reference (what mainline had until 2021). */
    static class PreFix extends TcmuDriver {
        PreFix(Kernel k, UioCore uio, Module owner) {
            super(k, uio, owner);
        }

        @Override
        int open(TcmuDev udev, Inode inode) {
            if (udev.testAndSetOpen()) {
                return -Errno.EBUSY;
            }
            udev.kref.get(); // BUG: paired with a release uio never calls once the device is unregistered
            return 0;
        }

        @Override
        int release(TcmuDev udev, Inode inode) {
            udev.clearOpen();
            put(udev);
            return 0;
        }

        @Override
        int mmapped(TcmuDev udev, Vma vma) {
            return 0;
        }

        @Override
        int netlinkFailed(TcmuDev udev, int ret) {
            put(udev); // the configure reference
            uio.unregister(udev.info);
            freeRing(udev); // BUG: a daemon that opened the node since registration may have the ring mapped
            return ret;
        }
    }

    /**
     * As tcmu would use Bodo's late_release (PROTOCOLS.md §5(e) 2): the same release, installed
     * a second time as the hook uio calls for a file closed after unregister.
     */
    static final class LateReleaseUser extends PreFix {
        LateReleaseUser(Kernel k, UioCore uio, Module owner) {
            super(k, uio, owner);
        }

        @Override
        void describeMore(TcmuDev udev) {
            udev.info.lateRelease((i, inode) -> release(udev, inode));
        }
    }

    /** The merged fix: one reference per VMA, taken in mmap and vm_ops open, dropped in vm_ops close. */
    static class VmaRefcount extends PreFix {
        VmaRefcount(Kernel k, UioCore uio, Module owner) {
            super(k, uio, owner);
            vmOps.open = this::vmaOpen; // FIX: a VMA copied by fork or split takes its own reference
            vmOps.close = vma -> put(vma.privateData()); // FIX
        }

        @Override
        int open(TcmuDev udev, Inode inode) {
            if (udev.testAndSetOpen()) {
                return -Errno.EBUSY;
            }
            return 0; // FIX: an open file holds no reference
        }

        @Override
        int release(TcmuDev udev, Inode inode) {
            udev.cmdrLock.lock(); // drops the commands kept for user space (KEEP_BUF)
            udev.cmdrLock.unlock();
            udev.clearOpen(); // FIX: nothing to put
            return 0;
        }

        @Override
        int mmapped(TcmuDev udev, Vma vma) {
            vmaOpen(vma); // FIX: the mapping holds the reference its faults need
            return 0;
        }

        private void vmaOpen(Vma vma) {
            TcmuDev udev = vma.privateData();
            udev.kref.get();
        }
    }

    /** The merged fix, with configure's error path leaving the ring to the kref release. */
    static final class Fenced extends VmaRefcount {
        Fenced(Kernel k, UioCore uio, Module owner) {
            super(k, uio, owner);
        }

        @Override
        int netlinkFailed(TcmuDev udev, int ret) {
            uio.unregister(udev.info);
            put(udev); // FIX: the ring goes with the last reference, which a mapping may still hold
            return ret;
        }
    }
}
