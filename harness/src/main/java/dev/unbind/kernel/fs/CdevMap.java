package dev.unbind.kernel.fs;

import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;

import java.util.ArrayList;
import java.util.List;

/**
 * The char-device map (cdev_map / kobj_map): dev_t ranges to cdevs, and the cdev_add / cdev_del
 * / cdev_device_add / cdev_device_del entry points.
 *
 * <p>Rules:
 * <ol>
 *   <li>After {@link #add} a lookup of the range finds the cdev; after {@link #del} no new lookup
 *       does, but inodes that cached it still reach it.</li>
 *   <li>A lookup returns the cdev with a reference taken (cdev_get) under the map lock, or
 *       nothing; cdev_del unmaps under the same lock before it drops the initial reference.</li>
 * </ol>
 */
public final class CdevMap {
    /** kobj_map's allocation in cdev_add. */
    public static final Point CDEV_ADD = Point.fallible("kernel.cdev_add");
    /** device_add inside cdev_device_add. */
    public static final Point DEVICE_ADD = Point.fallible("kernel.cdev_device_add.device_add");

    private record Range(int first, int count, Cdev cdev) {
    }

    private final Kernel kernel;
    private final List<Range> ranges = new ArrayList<>();

    public CdevMap(Kernel kernel) {
        this.kernel = kernel;
    }

    /** cdev_add: 0 or -ENOMEM. */
    public int add(Cdev p, int dev, int count) {
        if (kernel.fails(CDEV_ADD)) {
            return -Errno.ENOMEM;
        }
        synchronized (ranges) {
            ranges.add(new Range(dev, count, p));
        }
        p.pinParent();
        return 0;
    }

    /** cdev_del: unmap, then drop the initial reference. Open files keep their references. */
    public void del(Cdev p) {
        synchronized (ranges) {
            ranges.removeIf(r -> r.cdev == p);
        }
        p.putInitial();
    }

    /**
     * register_chrdev at boot or module init of a core (misc, drm): not a step of any scenario,
     * so no fault is injected here.
     */
    public void registerChrdev(Cdev p, int dev, int count) {
        synchronized (ranges) {
            ranges.add(new Range(dev, count, p));
        }
    }

    /** cdev_device_add: the cdev pins {@code dev}; both become visible. */
    public int deviceAdd(Cdev p, Device dev, int devt) {
        p.setParent(dev);
        int rc = add(p, devt, 1);
        if (rc != 0) {
            return rc;
        }
        if (kernel.fails(DEVICE_ADD)) {
            del(p);
            return -Errno.ENOMEM;
        }
        dev.add();
        return 0;
    }

    /** cdev_device_del. */
    public void deviceDel(Cdev p, Device dev) {
        dev.del();
        del(p);
    }

    /**
     * kobj_lookup + cdev_get: the cdev with a reference, or null. The reference is taken under
     * the map lock (exact_lock), which cdev_del's unmap also takes, so a cdev found here cannot
     * be released before the reference is held.
     */
    public Cdev lookup(int devt) {
        synchronized (ranges) {
            for (Range r : ranges) {
                if (devt >= r.first && devt < r.first + r.count) {
                    return r.cdev.get() ? r.cdev : null;
                }
            }
        }
        return null;
    }
}
