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
 * The media controller core before the series (mainline at the time of v4, mid-2024;
 * PROTOCOLS.md §1(b) "Baseline"). __media_device_register kzallocs the media_devnode; the devnode
 * is refcounted by its struct device, which every open file holds (get_device in media_open under
 * media_devnode_lock), and is freed at the last put together with its minor. The media_device
 * stays the driver's: it is freed when the driver frees it, at unbind. The devnode's
 * {@code media_dev} back pointer is cleared at unregister.
 *
 * <pre>
 *   CPU0 (ioctl on an open fd)                   CPU1 (unbind)
 *   __media_ioctl: REGISTERED set?  yes
 *                                                media_device_unregister
 *                                                  clear REGISTERED, remove the graph
 *                                                  media_devnode_unregister: media_dev = NULL
 *                                                driver remove returns; devres kfree(isp)
 *   media_device_ioctl: dev = devnode->media_dev
 *     mutex_lock(&dev->graph_mutex)   &lt;-- NULL dereference (or UAF, had it read dev first)
 * </pre>
 *
 * Calls after remove are safe (B2): the devnode is alive, REGISTERED is clear, so they return
 * -EIO / EPOLLERR|EPOLLHUP, and open returns -ENXIO.
 */
final class MainlineMc extends McCore {
    static final Point KZALLOC_DEVNODE = Point.fallible("media.device.register.kzalloc_devnode");
    /** media_device_ioctl has read devnode->media_dev and is about to use it. */
    static final Point IOCTL_GOT_MEDIA_DEV = Point.window("media.device.ioctl.got-media-dev", "remove", "probe")
            .guarding("isp_device|isp_mmio|media_device_ioctl*|fence no media op*");

    MainlineMc(Kernel k, Module mc) {
        super(k, mc);
    }

    @Override
    MediaDevice newMediaDevice(Cell home, Device dev) {
        return MediaDevice.withDevnodePointer(k, home, dev);
    }

    // ------------------------------------------------------------------ mc-device.c

    @Override
    void mediaDeviceInit(MediaDevice mdev) {
        mdev.initLists();
    }

    @Override
    int mediaDeviceRegister(MediaDevice mdev, Module owner) {
        Cell mem = k.kzalloc(KZALLOC_DEVNODE, "media_devnode");
        if (mem == null) {
            return -Errno.ENOMEM;
        }
        MediaDevnode devnode = new MediaDevnode(k, mem, null);
        mdev.devnode(devnode);
        devnode.fops(deviceFops);
        devnode.release(mcFunction("media_device_release",
                () -> devnode.home.touch("media_device_release: dev_dbg(devnode->parent)")));
        int rc = devnodeRegister(mdev, devnode, owner);
        if (rc < 0) {
            mdev.devnode(null); // media_devnode_register freed the devnode
            return rc;
        }
        devnode.modelAttr("device_create_file");
        if (k.fails(CREATE_MODEL_ATTR)) {
            mdev.devnode(null);
            devnodeUnregisterPrepare(devnode);
            devnodeUnregister(devnode);
            return -Errno.ENOMEM;
        }
        return 0;
    }

    @Override
    void mediaDeviceUnregister(MediaDevice mdev) {
        mdev.graphMutex.lock();
        MediaDevnode devnode = mdev.devnode();
        if (!isRegistered(devnode)) {
            mdev.graphMutex.unlock();
            return;
        }
        devnodeUnregisterPrepare(devnode); // clear REGISTERED: races with open, not with fops in flight
        mdev.removeGraph("media_device_unregister");
        mdev.graphMutex.unlock();
        devnode.modelAttr("device_remove_file");
        devnodeUnregister(devnode);
        mdev.devnode(null);
    }

    @Override
    void mediaDeviceCleanup(MediaDevice mdev) {
        mdev.home.touch("media_device_cleanup: ida_destroy, media_graph_walk_cleanup, mutex_destroy");
    }

    @Override
    int mediaDeviceOpen(MediaDevnode devnode, File filp) {
        return 0;
    }

    @Override
    int mediaDeviceClose(File filp) {
        return 0;
    }

    @Override
    long mediaDeviceIoctl(File filp, Media.Ioctl cmd) {
        MediaDevnode devnode = filp.privateData();
        MediaDevice dev = devnode.mediaDev(); // BUG: NULL once unregistered; the driver's freed memory once it freed it
        k.at(IOCTL_GOT_MEDIA_DEV);
        k.deref(dev, "media_device_ioctl: dev = devnode->media_dev");
        return ioctlHandler(dev, cmd);
    }

    // ------------------------------------------------------------------ mc-devnode.c

    private static boolean isRegistered(MediaDevnode devnode) {
        return devnode != null && devnode.registered();
    }

    /** media_devnode_register: on failure the devnode is freed here. */
    private int devnodeRegister(MediaDevice mdev, MediaDevnode devnode, Module owner) {
        devnodeLock.lock();
        int minor = findFreeMinor();
        if (minor == MEDIA_NUM_DEVICES) {
            devnodeLock.unlock();
            k.memory().free(devnode.home, "media_devnode_register: kfree(devnode)");
            return -Errno.ENFILE;
        }
        setMinor(minor);
        devnodeLock.unlock();
        devnode.minor(minor);
        devnode.mediaDev(mdev);
        devnode.dev().initialize(mcFunction("media_devnode_release", () -> devnodeRelease(devnode)));
        Cdev cdev = cdevInit(devnode.home, devnode, minor, owner);
        devnode.cdev(cdev);
        int rc = cdevDeviceAdd(cdev, devnode.dev(), minor);
        if (rc < 0) {
            devnodeLock.lock();
            clearMinor(minor);
            devnode.mediaDev(null);
            devnodeLock.unlock();
            devnode.dev().put(); // frees the devnode
            return rc;
        }
        devnode.registered(true); // the char device can now be used
        return 0;
    }

    private void devnodeUnregisterPrepare(MediaDevnode devnode) {
        if (!isRegistered(devnode)) {
            return;
        }
        devnodeLock.lock();
        devnode.registered(false);
        devnodeLock.unlock();
    }

    private void devnodeUnregister(MediaDevnode devnode) {
        devnodeLock.lock();
        cdevDeviceDel(devnode.cdev(), devnode.dev(), devnode.minor());
        devnode.mediaDev(null);
        devnodeLock.unlock();
        devnode.dev().put(); // the devnode is freed when the last file closes
    }

    /** media_devnode_release: the last put of devnode->dev. */
    private void devnodeRelease(MediaDevnode devnode) {
        devnodeLock.lock();
        clearMinor(devnode.minor());
        devnodeLock.unlock();
        Runnable r = devnode.release();
        if (r != null) {
            r.run();
        }
        k.memory().free(devnode.home, "media_devnode_release: kfree(devnode)");
    }

    @Override
    int open(Inode inode, File filp) {
        k.at(OPEN_CDEV_ACQUIRED);
        devnodeLock.lock();
        MediaDevnode devnode = (MediaDevnode) containerOf(inode.cdev());
        if (!isRegistered(devnode)) {
            devnodeLock.unlock();
            return -Errno.ENXIO;
        }
        devnode.dev().get();
        devnodeLock.unlock();
        filp.privateData(devnode);
        MediaFileOps.Open open = devnode.fops().open;
        if (open != null) {
            int rc = open.call(devnode, filp);
            if (rc != 0) {
                devnode.dev().put();
                filp.privateData(null);
                return rc;
            }
        }
        return 0;
    }

    @Override
    int release(Inode inode, File filp) {
        MediaDevnode devnode = filp.privateData();
        MediaFileOps.Release rel = devnode.fops().release;
        if (rel != null) {
            rel.call(filp);
        }
        filp.privateData(null);
        devnode.dev().put();
        return 0;
    }

    @Override
    long read(File filp, long count) {
        MediaDevnode devnode = filp.privateData();
        if (devnode.fops().read == null) {
            return -Errno.EINVAL;
        }
        throw new IllegalStateException("media_device_fops has no read");
    }

    @Override
    long write(File filp, long count) {
        MediaDevnode devnode = filp.privateData();
        if (devnode.fops().write == null) {
            return -Errno.EINVAL;
        }
        throw new IllegalStateException("media_device_fops has no write");
    }

    @Override
    int poll(File filp) {
        MediaDevnode devnode = filp.privateData();
        if (!isRegistered(devnode)) {
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
        MediaDevnode devnode = filp.privateData();
        return devnodeIoctl(filp, cmd, devnode.fops().ioctl);
    }

    @Override
    long compatIoctl(File filp, Media.Ioctl cmd) {
        MediaDevnode devnode = filp.privateData();
        return devnodeIoctl(filp, cmd, devnode.fops().compatIoctl);
    }

    /** __media_ioctl. */
    private long devnodeIoctl(File filp, Media.Ioctl cmd, MediaFileOps.Ioctl func) {
        MediaDevnode devnode = filp.privateData();
        if (func == null) {
            return -Errno.ENOTTY;
        }
        if (!isRegistered(devnode)) { // BUG: unlocked test; nothing keeps unregister from running after it
            return -Errno.EIO;
        }
        k.at(FOP_AFTER_REGISTERED_CHECK);
        return func.call(filp, cmd);
    }
}
