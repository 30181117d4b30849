package dev.unbind.subjects.drm;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Kref;
import dev.unbind.kernel.WaitQueue;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.device.ManagedResources;
import dev.unbind.kernel.fs.AddressSpace;

import dev.unbind.kernel.Fence;

import java.util.ArrayList;
import java.util.List;

/**
 * struct drm_device, embedded in the driver's container (devm_drm_dev_alloc), with the driver's
 * private fields beside it.
 *
 * <p>Who holds references ({@link #ref}): the parent's devres (dropped after remove returns),
 * every open drm_file, every atomic state in flight. The container and every drmm allocation are
 * freed at the last put, by {@link #managed} in LIFO order.
 */
@dev.unbind.code.Core
final class DrmDevice {
    final Kernel k;
    /** The driver's container embedding struct drm_device. */
    final Cell mem;
    final Kref ref;
    final ManagedResources managed;
    /** The anon inode's i_mapping shared by every fd of the device (what unplug zaps). */
    final AddressSpace anonMapping = new AddressSpace();
    final Device parent;
    final DisplayDriver driver;
    /** Wait queue for events from the hardware (vblank, page flip). Lives in the container. */
    final WaitQueue events;

    /** INV-D5, as the thread asks for it: once remove returns, no commit work of this device runs. */
    final Fence commitWorkAfterRemove;
    /** mode_config's object lists: every KMS object, whatever memory it lives in. */
    private final List<Cell> kmsObjects = new ArrayList<>();

    private volatile boolean unplugged;
    private volatile boolean registered;
    volatile int minor = -1;
    volatile Commit lastCommit;

    // ----- the driver's private part of the container (ingenic-like)
    /** Hardware resources: devm is right for these, they go away with the device. */
    volatile Cell clk;
    volatile Cell mmio;
    /** KMS objects: must live as long as the drm_device (drmm); the baseline uses devm. */
    volatile Cell plane;
    volatile Cell connector;
    /** Scanout enabled by a commit: hardware state that must be disabled before remove returns. */
    volatile Cell scanout;

    DrmDevice(Kernel k, Cell mem, Device parent, DisplayDriver driver) {
        this.k = k;
        this.mem = mem;
        this.parent = parent;
        this.driver = driver;
        this.ref = new Kref(k, "drm_device.ref", mem);
        this.managed = new ManagedResources(k, "drmres");
        this.events = new WaitQueue(k, "drm_device.event_wait", mem);
        this.commitWorkAfterRemove = new Fence(k, "no commit work runs after remove() returned");
    }

    /** drm_*_init: the object is linked into mode_config. */
    void link(Cell kmsObject) {
        mem.touch("list_add(mode_config)");
        synchronized (kmsObjects) {
            kmsObjects.add(kmsObject);
        }
    }

    /** drm_*_cleanup: unlinked from mode_config. */
    void unlink(Cell kmsObject) {
        mem.touch("list_del(mode_config)");
        synchronized (kmsObjects) {
            kmsObjects.remove(kmsObject);
        }
    }

    /** A walk of mode_config's lists (GETRESOURCES, drm_mode_config_cleanup): every object is read. */
    void walkModeConfig(String why) {
        mem.touch("read mode_config lists");
        List<Cell> objects;
        synchronized (kmsObjects) {
            objects = List.copyOf(kmsObjects);
        }
        for (Cell c : objects) {
            c.touch(why + ": read " + c.type());
        }
    }

    /** drm_dev_is_unplugged: a read of dev->unplugged (no ordering: a hint). */
    boolean unplugged() {
        mem.touch("read drm_device->unplugged");
        return unplugged;
    }

    void unplugged(boolean u) {
        mem.touch("write drm_device->unplugged");
        unplugged = u;
    }

    void registered(boolean r) {
        mem.touch("write drm_device->registered");
        registered = r;
    }
}
