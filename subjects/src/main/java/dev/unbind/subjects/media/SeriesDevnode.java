package dev.unbind.subjects.media;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.Cdev;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.Inode;

/**
 * mc-devnode.c with the series applied as posted (v4 14/26, 22/26, 23/26; PROTOCOLS.md §1(b)): the
 * devnode is embedded in the driver's media_device; in compat mode (no {@code ops->release}) a
 * {@link CompatRef} owns the char device and the registration state, and the file operations
 * test {@code ref->registered} instead of the devnode's flag. {@link SeriesMc} adds mc-device.c.
 *
 * <pre>
 *   compat mode, an ioctl in flight (§1(e)1, "best effort")
 *   CPU0 (ioctl on an open fd)                   CPU1 (unbind)
 *   media_ioctl: atomic_read(&amp;ref->registered)  1
 *                                                media_device_unregister: ref->registered = 0
 *                                                driver remove; devres kfree(isp)
 *   devnode->fops->ioctl   &lt;-- UAF: the devnode is inside the freed driver context
 * </pre>
 *
 * Lines marked BUG are the defects the harness shows; "(compat)" marks lines that only run
 * without ops->release.
 */
abstract class SeriesDevnode extends McCore {
    SeriesDevnode(Kernel k, Module mc) {
        super(k, mc);
    }

    static boolean isRegistered(MediaDevnode devnode) {
        return devnode != null && devnode.registered();
    }

    /** media_devnode_is_registered_compat. */
    static boolean isRegisteredCompat(MediaFh fh) {
        CompatRef ref = fh.ref();
        if (ref != null) {
            return ref.registered();
        }
        return isRegistered(fh.devnode());
    }

    /** media_devnode_release: dev->release of the devnode's own struct device. */
    void devnodeRelease(MediaDevnode devnode) {
        if (devnode.ref() != null) {
            return; // compat: "simply released by the user" (the driver frees the memory)
        }
        Runnable r = devnode.release();
        if (r != null) {
            r.run();
        }
    }

    /** media_devnode_dev(devnode). */
    static Device devnodeDev(MediaDevnode devnode) {
        CompatRef ref = devnode.ref();
        return ref != null ? ref.dev() : devnode.dev();
    }

    int devnodeRegister(MediaDevnode devnode, Module owner) {
        CompatRef ref = devnode.ref();
        if (devnode.minor() != -1) {
            return -Errno.EINVAL;
        }
        devnodeLock.lock();
        int minor = findFreeMinor();
        if (minor == MEDIA_NUM_DEVICES) {
            devnodeLock.unlock();
            return -Errno.ENFILE; // (compat) returns before device_initialize(&ref->dev)
        }
        setMinor(minor);
        devnodeLock.unlock();
        devnode.minor(minor);
        Cdev cdev;
        Device dev;
        if (ref == null) {
            cdev = cdevInit(devnode.home, devnode, minor, owner);
            devnode.cdev(cdev);
            dev = devnode.dev();
        } else {
            cdev = cdevInit(ref.home, ref, minor, owner);
            ref.cdev(cdev);
            ref.isCompatRef(true);
            CompatRef r = ref;
            ref.initializeDev(mcFunction("media_devnode_ref_release",
                    () -> k.memory().free(r.home, "media_devnode_ref_release: kfree(ref)")));
            ref.registered(true);
            ref.devnode(devnode); // BUG (compat): a pointer into the driver's memory, never cleared
            ref.release(devnode.fops().release);
            dev = ref.dev();
        }
        devnode.registered(true); // set before cdev_device_add: the node is usable the moment it appears
        int ret = cdevDeviceAdd(cdev, dev, minor);
        if (ret < 0) {
            return cdevAddError(devnode, minor, ret);
        }
        return 0;
    }

    /** The cdev_add_error label: only the minor is given back. */
    int cdevAddError(MediaDevnode devnode, int minor, int ret) {
        devnodeLock.lock(); // BUG: REGISTERED (and, compat, ref->registered) stay set for a device that is not there
        clearMinor(minor);
        devnodeLock.unlock();
        return ret;
    }

    void devnodeUnregister(MediaDevnode devnode) {
        if (!isRegistered(devnode)) {
            return;
        }
        CompatRef ref = devnode.ref();
        if (ref != null) {
            ref.registered(false);
        }
        devnodeLock.lock();
        devnode.registered(false);
        devnodeLock.unlock();
        ref = devnode.ref();
        cdevDeviceDel(ref != null ? ref.cdev() : devnode.cdev(), devnodeDev(devnode), devnode.minor());
        devnodeLock.lock();
        clearMinor(devnode.minor());
        devnodeLock.unlock();
    }

    @Override
    int open(Inode inode, File filp) {
        k.at(OPEN_CDEV_ACQUIRED);
        devnodeLock.lock();
        Object mcdev = containerOf(inode.cdev());
        MediaDevnode devnode;
        if (mcdev instanceof CompatRef ref && ref.isCompatRef()) {
            devnode = ref.devnode(); // BUG (compat): the driver may have freed it at unbind
        } else {
            devnode = (MediaDevnode) mcdev;
            devnode.isCompatRef();
        }
        if (!isRegistered(devnode)) { // (compat) reads the flags inside the driver-owned media_device
            devnodeLock.unlock();
            return -Errno.ENXIO;
        }
        getDevnodeDev(devnode);
        devnodeLock.unlock();
        int ret = devnode.fops().open.call(devnode, filp);
        if (ret != 0) {
            putDevnodeDev(devnode);
            return ret;
        }
        MediaFh fh = filp.privateData();
        fh.devnode(devnode);
        return 0;
    }

    private static void getDevnodeDev(MediaDevnode devnode) {
        CompatRef ref = devnode.ref();
        if (ref != null) {
            ref.getDev();
        } else {
            devnode.dev().get();
        }
    }

    private static void putDevnodeDev(MediaDevnode devnode) {
        CompatRef ref = devnode.ref();
        if (ref != null) {
            ref.putDev();
        } else {
            devnode.dev().put();
        }
    }

    @Override
    int release(Inode inode, File filp) {
        MediaFh fh = filp.privateData();
        CompatRef ref = fh.ref();
        if (ref == null) {
            MediaDevnode devnode = fh.devnode();
            devnode.fops().release.call(filp);
            filp.privateData(null);
            devnode.dev().put();
        } else {
            ref.release().call(filp); // the copied pointer into the mc module
            filp.privateData(null);
            ref.putDev();
        }
        return 0;
    }

    @Override
    long read(File filp, long count) {
        MediaFh fh = filp.privateData();
        MediaDevnode devnode = fh.devnode();
        if (!isRegisteredCompat(fh)) {
            return -Errno.EIO;
        }
        k.at(FOP_AFTER_REGISTERED_CHECK);
        if (devnode.fops().read == null) {
            return -Errno.EINVAL;
        }
        throw new IllegalStateException("media_device_fops has no read");
    }

    @Override
    long write(File filp, long count) {
        MediaFh fh = filp.privateData();
        MediaDevnode devnode = fh.devnode();
        if (!isRegisteredCompat(fh)) {
            return -Errno.EIO;
        }
        k.at(FOP_AFTER_REGISTERED_CHECK);
        if (devnode.fops().write == null) {
            return -Errno.EINVAL;
        }
        throw new IllegalStateException("media_device_fops has no write");
    }

    @Override
    int poll(File filp) {
        MediaFh fh = filp.privateData();
        MediaDevnode devnode = fh.devnode();
        if (!isRegisteredCompat(fh)) {
            return Errno.EPOLLERR | Errno.EPOLLHUP;
        }
        k.at(FOP_AFTER_REGISTERED_CHECK);
        if (devnode.fops().poll == null) {
            return Errno.DEFAULT_POLLMASK;
        }
        throw new IllegalStateException("media_device_fops has no poll");
    }

    @Override
    long ioctl(File filp, Media.Ioctl cmd) {
        MediaFh fh = filp.privateData();
        MediaDevnode devnode = fh.devnode();
        if (!isRegisteredCompat(fh)) { // BUG: unlocked test; nothing waits for the call once it passed
            return -Errno.EIO;
        }
        k.at(FOP_AFTER_REGISTERED_CHECK);
        return mediaIoctl(filp, cmd, devnode.fops().ioctl);
    }

    @Override
    long compatIoctl(File filp, Media.Ioctl cmd) {
        MediaFh fh = filp.privateData();
        MediaDevnode devnode = fh.devnode();
        if (!isRegisteredCompat(fh)) {
            return -Errno.EIO;
        }
        k.at(FOP_AFTER_REGISTERED_CHECK);
        return mediaIoctl(filp, cmd, devnode.fops().compatIoctl);
    }
}
