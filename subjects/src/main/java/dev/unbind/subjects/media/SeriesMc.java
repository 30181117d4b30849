package dev.unbind.subjects.media;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.File;

/**
 * The media controller core with Sakari Ailus's "Media device lifetime" series applied as posted
 * (v4, June 2024: 14/26 "Refcount the media device", 22/26 "Maintain a list of open file
 * handles", 23/26 "best effort media device removal safety sans refcount"; PROTOCOLS.md §1(b)).
 *
 * <p>The media_device embeds its media_devnode again. Which mode a device gets is decided by its
 * driver: with {@code ops->release} (refcounted mode) the devnode's struct device is the media
 * device's refcount — the driver's init reference, every open file, the char device — and the
 * driver's context is freed by ops->release at the last put. Without it (compat mode) the core
 * kzallocs a {@link CompatRef} that owns the char device and the registration state, files pin
 * the ref, and the driver still frees the media_device at unbind: "best effort".
 *
 * <pre>
 *   compat mode, close vs unbind (§1(e)2)
 *   CPU0 (last close)                            CPU1 (unbind)
 *   media_device_close: ref->registered?  1
 *                                                media_devnode_unregister: ref->registered = 0
 *                                                driver remove; devres kfree(isp)
 *   spin_lock_irq(&amp;mdev->fh_list_lock)   &lt;-- UAF: mdev is inside the freed driver context
 * </pre>
 *
 * This class is mc-device.c; {@link SeriesDevnode} is mc-devnode.c. Lines marked BUG are the
 * defects the harness shows; "(compat)" marks lines that only run without ops->release.
 */
class SeriesMc extends SeriesDevnode {
    static final Point KZALLOC_COMPAT_REF = Point.fallible("media.device.register.kzalloc_compat_ref");
    static final Point KZALLOC_FH = Point.fallible("media.device.open.kzalloc_fh");
    /** media_device_close passed its registered test and goes on into the media_device. */
    static final Point CLOSE_AFTER_REGISTERED_CHECK =
            Point.window("media.device.close.after-registered-check", "remove", "probe")
                    .guarding("isp_device|media_device_fh|media_device*");

    SeriesMc(Kernel k, Module mc) {
        super(k, mc);
    }

    @Override
    MediaDevice newMediaDevice(Cell home, Device dev) {
        return MediaDevice.embeddingDevnode(k, home, dev);
    }

    // ------------------------------------------------------------------ mc-device.c

    @Override
    void mediaDeviceInit(MediaDevice mdev) {
        mdev.initLists();
        MediaDevnode devnode = mdev.devnode();
        devnode.release(mcFunction("media_device_release", () -> mediaDeviceRelease(devnode)));
        devnode.dev().initialize(mcFunction("media_devnode_release", () -> devnodeRelease(devnode)));
        devnode.minor(-1); // media_devnode_init
    }

    /** media_device_release: devnode->release, run by media_devnode_release at the last put. */
    void mediaDeviceRelease(MediaDevnode devnode) {
        MediaDevice mdev = devnode.container();
        MediaDevice.Ops ops = mdev.ops();
        if (ops != null && ops.release() != null) {
            releaseResources(mdev);
            ops.callRelease(mdev); // the driver frees its context, media_device included
        }
    }

    /** __media_device_release (graph objects are removed here since "Postpone graph object removal"). */
    void releaseResources(MediaDevice mdev) {
        mdev.removeGraph("__media_device_release");
        mdev.home.touch("__media_device_release: ida_destroy, media_graph_walk_cleanup, mutex_destroy");
    }

    @Override
    void mediaDeviceCleanup(MediaDevice mdev) {
        releaseResources(mdev);
        mediaDevicePut(mdev);
    }

    /** media_device_get: get_device(&mdev->devnode.dev). */
    void mediaDeviceGet(MediaDevice mdev) {
        mdev.devnode().dev().get();
    }

    @Override
    void mediaDevicePut(MediaDevice mdev) {
        mdev.devnode().dev().put();
    }

    /** 15/26: every video device holds a media_device reference. */
    @Override
    void videoRegisterMediaController(MediaDevice mdev) {
        mediaDeviceGet(mdev);
    }

    @Override
    void videoDeviceRelease(MediaDevice mdev) {
        mediaDevicePut(mdev);
    }

    @Override
    int mediaDeviceRegister(MediaDevice mdev, Module owner) {
        CompatRef ref = null;
        MediaDevice.Ops ops = mdev.ops();
        if (ops == null || ops.release() == null) {
            Cell mem = k.kzalloc(KZALLOC_COMPAT_REF, "media_devnode_compat_ref");
            if (mem == null) {
                return -Errno.ENOMEM;
            }
            ref = new CompatRef(k, mem);
        }
        MediaDevnode devnode = mdev.devnode();
        devnode.fops(deviceFops);
        devnode.ref(ref);
        int ret = devnodeRegister(devnode, owner);
        if (ret < 0) {
            putRef(ref); // out_put_ref (BUG (compat): devnode->ref is left pointing at it)
            return ret;
        }
        modelAttr(devnode, "device_create_file");
        if (k.fails(CREATE_MODEL_ATTR)) {
            devnodeUnregister(devnode); // out_devnode_unregister
            putRef(ref);
            return -Errno.ENOMEM;
        }
        return 0;
    }

    private static void putRef(CompatRef ref) {
        if (ref != null) {
            ref.putDev(); // BUG (compat): after minor exhaustion ref->dev was never initialised
        }
    }

    @Override
    void mediaDeviceUnregister(MediaDevice mdev) {
        MediaDevnode devnode = mdev.devnode();
        mdev.graphMutex.lock();
        if (!devnode.registered()) {
            mdev.graphMutex.unlock();
            return;
        }
        mdev.graphMutex.unlock();
        unlinkFileHandles(mdev);
        modelAttr(devnode, "device_remove_file");
        devnodeUnregister(devnode);
        CompatRef ref = devnode.ref();
        if (ref != null) {
            ref.putDev(); // the register-time reference
        }
    }

    /** 22/26: list_del_init(&mdev->fh_list) under fh_list_lock (§1(e)4: it detaches the head). */
    void unlinkFileHandles(MediaDevice mdev) {
        mdev.fhListLock.lock();
        ListHead.delInit(mdev.fhList);
        mdev.fhListLock.unlock();
    }

    /** device_create_file / device_remove_file on media_devnode_dev(devnode). */
    static void modelAttr(MediaDevnode devnode, String what) {
        CompatRef ref = devnode.ref();
        if (ref != null) {
            ref.home.touch(what + "(&ref->dev, &dev_attr_model)");
        } else {
            devnode.modelAttr(what);
        }
    }

    @Override
    int mediaDeviceOpen(MediaDevnode devnode, File filp) {
        MediaDevice mdev = devnode.container();
        Cell mem = k.kzalloc(KZALLOC_FH, "media_device_fh");
        if (mem == null) {
            return -Errno.ENOMEM;
        }
        MediaFh fh = new MediaFh(k, mem);
        fh.ref(devnode.ref());
        filp.privateData(fh);
        mdev.fhListLock.lock();
        ListHead.add(fh.mdevList, mdev.fhList);
        mdev.fhListLock.unlock();
        return 0;
    }

    @Override
    int mediaDeviceClose(File filp) {
        MediaFh fh = filp.privateData();
        CompatRef ref = fh.ref();
        if (ref == null || ref.registered()) { // BUG (compat): nothing keeps unregister and the driver's kfree away after this
            k.at(CLOSE_AFTER_REGISTERED_CHECK);
            MediaDevice mdev = fh.devnode().container();
            mdev.fhListLock.lock();
            ListHead.del(fh.mdevList);
            mdev.fhListLock.unlock();
        } // BUG (compat): otherwise the handle is freed while still linked to its neighbours
        k.memory().free(fh.home, "media_device_close: kfree(fh)");
        return 0;
    }

    @Override
    long mediaDeviceIoctl(File filp, Media.Ioctl cmd) {
        MediaFh fh = filp.privateData();
        return ioctlHandler(fh.devnode().container(), cmd);
    }

}
