package dev.unbind.subjects.media;

import dev.unbind.kernel.IdentitySlots;
import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.Cdev;
import dev.unbind.kernel.fs.CdevMap;
import dev.unbind.kernel.fs.DevFs;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;

import java.util.BitSet;

/**
 * The media controller core (the mc module: mc-devnode.c and mc-device.c), the part every
 * version shares: media_devnode_lock and the minor bitmap, the char-device region, the two fops
 * tables (media_devnode_fops for the VFS, media_device_fops behind it), and the MEDIA_IOC
 * handlers that run once media_device_ioctl has its media_device. The versions —
 * {@link MainlineMc}, {@link SeriesMc}, {@link FencedMc} — implement the rest.
 *
 * <p>One per kernel, owned by the mc module. A driver calls {@code media_device_init},
 * {@code _register}, {@code _unregister}, {@code _cleanup} and (the series) get/put.
 */
@dev.unbind.code.Core
abstract class McCore {
    static final int MEDIA_MAJOR = 237;
    static final int MEDIA_NUM_DEVICES = 256;

    /** find_first_zero_bit(media_devnode_nums): failing here is minor exhaustion (-ENFILE). */
    static final Point FIND_FREE_MINOR = Point.fallible("media.devnode.register.find_free_minor");
    /** device_create_file(dev, &dev_attr_model). */
    static final Point CREATE_MODEL_ATTR = Point.fallible("media.device.register.device_create_file");
    /** chrdev_open holds the cdev; media_open has not taken media_devnode_lock yet. */
    static final Point OPEN_CDEV_ACQUIRED = Point.window("media.devnode.open.cdev-acquired", "remove", "probe")
            .guarding("isp_device|media_device*|media_devnode*|module *");
    /** A file operation passed its unlocked "registered" test and goes on into the device. */
    static final Point FOP_AFTER_REGISTERED_CHECK =
            Point.window("media.devnode.fop.after-registered-check", "remove", "probe")
                    .guarding("isp_device|isp_mmio|media_device*|media_devnode*|fence no media op*");
    /** MEDIA_IOC_G_TOPOLOGY is walking the graph under graph_mutex. */
    static final Point GRAPH_WALK = Point.step("media.device.ioctl.graph-walk");

    final Kernel k;
    /** The mc module: owns both fops tables and every function the core points to. */
    final Module mc;
    final CdevMap map;
    final DevFs devfs = new DevFs();
    /** media_devnode_lock. */
    final Mutex devnodeLock;
    /** media_devnode_nums, under media_devnode_lock. */
    private final BitSet minors = new BitSet(MEDIA_NUM_DEVICES);
    /** media_devnode_fops: what the VFS calls. */
    final FileOperations devnodeFops;
    /** media_device_fops: what the devnode wrappers call. */
    final MediaFileOps deviceFops;
    /** The minor of the last node that appeared: where udev points /dev/media0 (model-side, not kernel memory). */
    volatile int lastMinor;
    /** container_of(inode->i_cdev, ...): which struct each char device is embedded in. */
    private final IdentitySlots<Cdev, Object> cdevContainers = new IdentitySlots<>();

    McCore(Kernel k, Module mc) {
        this.k = k;
        this.mc = mc;
        this.map = new CdevMap(k);
        this.devnodeLock = new Mutex(k, "media_devnode_lock");
        this.devnodeFops = new FileOperations("media_devnode_fops", mc);
        devnodeFops.open = this::open;
        devnodeFops.release = this::release;
        devnodeFops.read = this::read;
        devnodeFops.write = this::write;
        devnodeFops.poll = this::poll;
        devnodeFops.unlockedIoctl = (f, cmd, arg) -> ioctl(f, Media.Ioctl.values()[cmd]);
        devnodeFops.compatIoctl = (f, cmd, arg) -> compatIoctl(f, Media.Ioctl.values()[cmd]);
        this.deviceFops = new MediaFileOps("media_device_fops",
                new MediaFileOps.Open(mc, "media_device_open", this::mediaDeviceOpen),
                new MediaFileOps.Release(mc, "media_device_close", this::mediaDeviceClose),
                new MediaFileOps.Ioctl(mc, "media_device_ioctl", this::mediaDeviceIoctl),
                new MediaFileOps.Ioctl(mc, "media_device_compat_ioctl", this::mediaDeviceIoctl));
    }

    // ------------------------------------------------------------------ the API drivers use

    /** The driver's struct media_device, in the driver's context {@code home}. */
    abstract MediaDevice newMediaDevice(Cell home, Device dev);

    abstract void mediaDeviceInit(MediaDevice mdev);

    /** __media_device_register(mdev, owner): 0 or -errno. */
    abstract int mediaDeviceRegister(MediaDevice mdev, Module owner);

    /** Safe on an initialised media device that is not (or no longer) registered. */
    abstract void mediaDeviceUnregister(MediaDevice mdev);

    /** What a driver without ops->release calls after unregistering, before freeing the media_device. */
    abstract void mediaDeviceCleanup(MediaDevice mdev);

    /** media_device_put (the series): drops a reference to the media device. */
    void mediaDevicePut(MediaDevice mdev) {
        throw new UnsupportedOperationException("mainline has no media_device_put");
    }

    /** video_register_media_controller (v4l2-dev.c): the series takes a media_device reference. */
    void videoRegisterMediaController(MediaDevice mdev) {
    }

    /** v4l2_device_release of a video node (v4l2-dev.c): the series drops that reference. */
    void videoDeviceRelease(MediaDevice mdev) {
    }

    // ------------------------------------------------------------------ media_devnode_fops

    abstract int open(Inode inode, File filp);

    abstract int release(Inode inode, File filp);

    abstract long read(File filp, long count);

    abstract long write(File filp, long count);

    abstract int poll(File filp);

    abstract long ioctl(File filp, Media.Ioctl cmd);

    abstract long compatIoctl(File filp, Media.Ioctl cmd);

    // ------------------------------------------------------------------ media_device_fops

    abstract int mediaDeviceOpen(MediaDevnode devnode, File filp);

    abstract int mediaDeviceClose(File filp);

    abstract long mediaDeviceIoctl(File filp, Media.Ioctl cmd);

    /** __media_ioctl: -ENOTTY without a handler, else the handler. */
    static long mediaIoctl(File filp, Media.Ioctl cmd, MediaFileOps.Ioctl func) {
        if (func == null) {
            return -Errno.ENOTTY;
        }
        return func.call(filp, cmd);
    }

    /** The MEDIA_IOC handlers (ioctl_info[].fn) once media_device_ioctl has its media_device. */
    long ioctlHandler(MediaDevice dev, Media.Ioctl cmd) {
        switch (cmd) {
            case DEVICE_INFO -> {
                dev.home.touch("media_device_get_info: copy driver_name, model and bus_info");
                return 0;
            }
            case G_TOPOLOGY -> {
                dev.graphMutex.lock();
                try (Cell.Access walk = dev.home.enter("media_device_get_topology: walk the entities, pads and links")) {
                    k.at(GRAPH_WALK);
                }
                dev.graphMutex.unlock();
                return 0;
            }
            case SETUP_LINK -> {
                dev.graphMutex.lock();
                dev.home.touch("media_device_setup_link: media_entity_find_link");
                int rc = dev.ops().callLinkNotify(dev); // __media_entity_setup_link: the PRE notification
                if (rc == 0) {
                    dev.home.touch("__media_entity_setup_link: update the link flags");
                }
                dev.graphMutex.unlock();
                return rc;
            }
            default -> throw new IllegalArgumentException(cmd.toString());
        }
    }

    // ------------------------------------------------------------------ shared building blocks

    /** find_first_zero_bit; MEDIA_NUM_DEVICES when exhausted. Caller holds media_devnode_lock. */
    int findFreeMinor() {
        if (k.fails(FIND_FREE_MINOR)) {
            return MEDIA_NUM_DEVICES;
        }
        synchronized (minors) {
            return minors.nextClearBit(0);
        }
    }

    void setMinor(int minor) {
        synchronized (minors) {
            minors.set(minor);
        }
    }

    /** clear_bit: idempotent, as a bitmap is. */
    void clearMinor(int minor) {
        synchronized (minors) {
            minors.clear(minor);
        }
    }

    /** cdev_init(cdev, &media_devnode_fops) in {@code home}, embedded in {@code container}; cdev->owner = owner. */
    Cdev cdevInit(Cell home, Object container, int minor, Module owner) {
        Cdev c = Cdev.init(k, "media" + minor + ".cdev", home, devnodeFops);
        c.owner(owner);
        cdevContainers.put(c, container);
        return c;
    }

    /** container_of(inode->i_cdev, ...): the struct that embeds the char device. */
    Object containerOf(Cdev c) {
        return cdevContainers.get(c);
    }

    /** cdev_device_add: the cdev is mapped (chrdev_open finds it), then device_add makes the node. */
    int cdevDeviceAdd(Cdev cdev, Device dev, int minor) {
        int rc = map.deviceAdd(cdev, dev, Inode.mkdev(MEDIA_MAJOR, minor));
        if (rc == 0) {
            devfs.create(Inode.mkdev(MEDIA_MAJOR, minor)); // devtmpfs_create_node, last step of device_add
            lastMinor = minor;
        }
        return rc;
    }

    /** cdev_device_del: device_del (the node goes), then cdev_del (unmapped, initial ref dropped). */
    void cdevDeviceDel(Cdev cdev, Device dev, int minor) {
        devfs.remove(Inode.mkdev(MEDIA_MAJOR, minor));
        map.deviceDel(cdev, dev);
    }

    /** A function of the mc module stored in memory (dev->release, devnode->release). */
    Runnable mcFunction(String name, Runnable body) {
        Callback c = new Callback(mc, name, body);
        return c::call;
    }
}
