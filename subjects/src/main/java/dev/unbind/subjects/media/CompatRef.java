package dev.unbind.subjects.media;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.Cdev;

import java.util.List;

/**
 * struct media_devnode_compat_ref (the series, v4 23/26): allocated by the MC core for a driver
 * without {@code ops->release}, refcounted by its own struct device, freed by that device's
 * release at the last put. It holds the char device (so open files pin it), a copy of the
 * release fop, the registration state, and a pointer back into the driver-owned devnode.
 *
 * <p>Its struct device is kzalloc'ed memory until device_initialize: a put before that is the
 * kernel's "kobject is not initialized, yet kobject_put() is being called" warning followed by a
 * refcount underflow, and the object is never released.
 */
final class CompatRef {
    private final Kernel k;
    final Cell home;
    private final Device dev;
    private volatile boolean devInitialized;
    private volatile Cdev cdev;
    private volatile boolean isCompatRef;
    private volatile MediaDevnode devnode;
    private volatile MediaFileOps.Release release;
    private volatile int registered;

    CompatRef(Kernel k, Cell home) {
        this.k = k;
        this.home = home;
        this.dev = new Device(k, "media_devnode_compat_ref.dev", home, null);
    }

    /** &ref->dev: an address, nothing is read. */
    Device dev() {
        return dev;
    }

    /** device_initialize(&ref->dev) with dev->release = media_devnode_ref_release. */
    void initializeDev(Runnable release) {
        home.touch("device_initialize(&ref->dev)");
        dev.initialize(release);
        devInitialized = true;
    }

    /** get_device(&ref->dev). */
    void getDev() {
        dev.get();
    }

    /** put_device(&ref->dev). */
    void putDev() {
        if (!devInitialized) {
            home.touch("put_device(&ref->dev)");
            k.report(Kind.REFCOUNT, "kobject: 'media_devnode_compat_ref.dev' is not initialized, yet kobject_put() "
                            + "is being called; refcount_t: underflow; the compat ref is never released",
                    "media_devnode_compat_ref.dev",
                    List.of(Role.of("put by", k.self().site("put_device(&ref->dev) before device_initialize")),
                            Role.of("allocated by", home.allocSite())), "");
            return;
        }
        dev.put();
    }

    /** atomic_read(&ref->registered). */
    boolean registered() {
        home.touch("atomic_read(&ref->registered)");
        return registered != 0;
    }

    /** atomic_set(&ref->registered, v). */
    void registered(boolean on) {
        home.touch("atomic_set(&ref->registered, " + (on ? 1 : 0) + ")");
        registered = on ? 1 : 0;
    }

    Cdev cdev() {
        home.touch("read ref->mcdev.cdev");
        return cdev;
    }

    void cdev(Cdev c) {
        home.touch("cdev_init(&ref->mcdev.cdev)");
        cdev = c;
    }

    boolean isCompatRef() {
        home.touch("read ref->mcdev.is_compat_ref");
        return isCompatRef;
    }

    void isCompatRef(boolean b) {
        home.touch("write ref->mcdev.is_compat_ref");
        isCompatRef = b;
    }

    /** ref->devnode: the devnode inside the driver's media_device (never cleared). */
    MediaDevnode devnode() {
        home.touch("read ref->devnode");
        return devnode;
    }

    void devnode(MediaDevnode d) {
        home.touch("write ref->devnode");
        devnode = d;
    }

    MediaFileOps.Release release() {
        home.touch("read ref->release");
        return release;
    }

    void release(MediaFileOps.Release r) {
        home.touch("write ref->release");
        release = r;
    }

    @Override
    public String toString() {
        return "compat ref " + home.name();
    }
}
