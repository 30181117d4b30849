package dev.unbind.subjects.media;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Srcu;
import dev.unbind.kernel.fs.File;

import java.util.List;

/**
 * The series' refcounted mode with what it lacks (a corrected version, not posted): the media
 * device's memory is refcounted as in {@link SeriesMc}, and in addition
 * <ol>
 *   <li>every file operation's registered test and the call it guards are one read-side section
 *       of a static SRCU; unregister clears REGISTERED, then waits for a grace period, so once
 *       media_device_unregister returns no file operation is inside the driver;</li>
 *   <li>a failing cdev_device_add clears REGISTERED (and ref->registered) and waits likewise
 *       before the probe unwinds, so a file opened in that window only ever sees -EIO;</li>
 *   <li>unregister leaves {@code mdev->fh_list} alone: each close unlinks its own handle, and the
 *       release checks the list is empty (the sanity check agreed on in review).</li>
 * </ol>
 * The static SRCU cannot fail to initialise and lives outside every media device, so the fence
 * never depends on the memory it protects. Read sides only take graph_mutex, which unregister
 * does not hold while it waits.
 */
final class FencedMc extends SeriesMc {
    private final Srcu fopSrcu;

    FencedMc(Kernel k, Module mc) {
        super(k, mc);
        this.fopSrcu = new Srcu(k, "media_devnode_srcu", null);
    }

    @Override
    long ioctl(File filp, Media.Ioctl cmd) {
        int idx = fopSrcu.readLock(); // FIX: the test and the call are one read-side section
        MediaFh fh = filp.privateData();
        MediaDevnode devnode = fh.devnode();
        long rc = -Errno.EIO;
        if (isRegisteredCompat(fh)) {
            k.at(FOP_AFTER_REGISTERED_CHECK);
            rc = mediaIoctl(filp, cmd, devnode.fops().ioctl);
        }
        fopSrcu.readUnlock(idx);
        return rc;
    }

    @Override
    long compatIoctl(File filp, Media.Ioctl cmd) {
        int idx = fopSrcu.readLock(); // FIX
        MediaFh fh = filp.privateData();
        MediaDevnode devnode = fh.devnode();
        long rc = -Errno.EIO;
        if (isRegisteredCompat(fh)) {
            k.at(FOP_AFTER_REGISTERED_CHECK);
            rc = mediaIoctl(filp, cmd, devnode.fops().compatIoctl);
        }
        fopSrcu.readUnlock(idx);
        return rc;
    }

    @Override
    long read(File filp, long count) {
        int idx = fopSrcu.readLock(); // FIX
        long rc = super.read(filp, count);
        fopSrcu.readUnlock(idx);
        return rc;
    }

    @Override
    long write(File filp, long count) {
        int idx = fopSrcu.readLock(); // FIX
        long rc = super.write(filp, count);
        fopSrcu.readUnlock(idx);
        return rc;
    }

    @Override
    int poll(File filp) {
        int idx = fopSrcu.readLock(); // FIX
        int mask = super.poll(filp);
        fopSrcu.readUnlock(idx);
        return mask;
    }

    @Override
    void devnodeUnregister(MediaDevnode devnode) {
        super.devnodeUnregister(devnode);
        fopSrcu.synchronize(); // FIX: every file operation that saw REGISTERED has returned
    }

    @Override
    int cdevAddError(MediaDevnode devnode, int minor, int ret) {
        CompatRef ref = devnode.ref();
        if (ref != null) {
            ref.registered(false);
        }
        devnodeLock.lock();
        devnode.registered(false); // FIX: a file opened in the window sees -EIO from now on
        devnodeLock.unlock();
        fopSrcu.synchronize(); // FIX: ...and none of its calls is still running when probe unwinds
        return super.cdevAddError(devnode, minor, ret);
    }

    @Override
    void unlinkFileHandles(MediaDevice mdev) {
        // FIX: unregistering changes nothing about the open file handles; each close unlinks its own
    }

    @Override
    void mediaDeviceRelease(MediaDevnode devnode) {
        MediaDevice mdev = devnode.container();
        if (!mdev.fhList.isEmpty()) { // FIX: the sanity check: no handle may outlive the media device
            k.report(Kind.LEAK, "media device released with file handles still on its fh_list", "mdev->fh_list",
                    List.of(Role.of("released by", k.self().site("media_device_release"))), "");
        }
        super.mediaDeviceRelease(devnode);
    }
}
