package dev.unbind.subjects.misc;

import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.MiscDevice;
import dev.unbind.kernel.fs.Vfs;

/**
 * A corrected misc_register_sync / misc_deregister_sync: the rwsem flavour of
 * {@link MiscSyncCore} with the shim's memory and module references made right. Together with a
 * driver whose remove marks its device dead and wakes its sleepers before it fences
 * ({@link MiscSubject.Fenced}) it keeps every property.
 *
 * <p>Rules, in addition to {@link MiscSyncCore}'s:
 * <ol>
 *   <li>misc_open pins the driver's table (fops_get, as mainline) and takes the file's reference
 *       on the sync object under misc_mtx, while the device is still listed.</li>
 *   <li>Before the file's reference is dropped — at release, or when the open fails — f_op goes
 *       back to the driver's table, so the VFS's fops_put reads static data and drops the pin
 *       misc_open took: the shim table is never read after it may be freed.</li>
 *   <li>A revoked poll reports EPOLLERR | EPOLLHUP; no errno ever goes out as a mask.</li>
 *   <li>Nothing may sleep under the read side without a wake-up from remove: the driver marks its
 *       device dead and wakes every sleeper before calling misc_deregister_sync.</li>
 * </ol>
 */
final class MiscFencedCore extends MiscSyncCore.Rwsem {
    MiscFencedCore(Kernel k) {
        super(k);
    }

    @Override
    public int open(Inode inode, File file) {
        int minor = inode.minor();
        int rc;
        miscMtx.lock();
        try {
            MiscDevice c = findLocked(minor);
            if (c == null) {
                return -Errno.ENODEV;
            }
            kernel.at(OPEN_FOUND);
            FileOperations newFops = c.fops();
            if (!Vfs.fopsGet(newFops)) { // FIX: the pin is on the driver's table, dropped by the VFS's fops_put of it
                return -Errno.ENODEV;
            }
            file.privateData(c);
            file.replaceFops(newFops);
            Sync s = ((SyncMiscDevice) c).sync();
            if (s != null) {
                s.ref.get(); // FIX: the file's reference, taken while the device is listed under misc_mtx
                file.fop(s.shim);
            }
            FileOperations f = file.fop();
            rc = 0;
            if (f.open != null) {
                callThrough(f, "open");
                rc = f.open.open(inode, file);
            }
        } finally {
            miscMtx.unlock();
        }
        kernel.at(OPEN_RETURNED);
        return rc;
    }

    @Override
    int shimOpen(Sync s, Inode inode, File f) {
        int token = s.readLock();
        if (token < 0) {
            return unshim(s, f, token);
        }
        try {
            if (!s.alive()) {
                return unshim(s, f, -Errno.ENODEV);
            }
            int rc = 0;
            if (s.orig.open != null) {
                callThrough(s.orig, "open");
                rc = s.orig.open.open(inode, f);
            }
            return rc == 0 ? 0 : unshim(s, f, rc);
        } finally {
            s.readUnlock(token);
        }
    }

    @Override
    int shimRelease(Sync s, Inode inode, File f) {
        int rc = 0;
        if (s.orig.release != null) {
            callThrough(s.orig, "release");
            rc = s.orig.release.release(inode, f); // memory only: the driver holds nothing of the device here
        }
        unshim(s, f, 0);
        return rc;
    }

    /** FIX: f_op back to the driver's table, then the file's reference on the sync object. */
    private int unshim(Sync s, File f, int rc) {
        f.fop(s.orig);
        putSync(s);
        return rc;
    }

    @Override
    int shimPoll(Sync s, File f) {
        int token = s.readLock();
        if (token < 0) {
            return Errno.EPOLLERR;
        }
        try {
            if (!s.alive()) {
                return Errno.EPOLLERR | Errno.EPOLLHUP; // FIX: a mask, not an errno
            }
            callThrough(s.orig, "poll");
            return s.orig.poll.poll(f);
        } finally {
            s.readUnlock(token);
        }
    }
}
