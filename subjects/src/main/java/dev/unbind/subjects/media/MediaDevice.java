package dev.unbind.subjects.media;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.device.Device;

/**
 * struct media_device, embedded in the driver's context ({@code home}): the driver allocated it
 * and decides when it is freed — at unbind (mainline and the series' compat mode) or from
 * {@code ops->release} at the last reference (the series' refcounted mode). Every field access is
 * an access to the driver's memory.
 */
final class MediaDevice {
    /** struct media_device_ops: a const table in the driver module. {@code release} is null for a legacy driver. */
    record Ops(Module owner, String name, LinkNotify linkNotify, Release release) {
        /** .link_notify: the driver powers the pipeline up or down around a link change. */
        interface LinkNotify {
            int notify(MediaDevice mdev);
        }

        /** .release (the series): frees the driver's context at the last media_device_put. */
        interface Release {
            void release(MediaDevice mdev);
        }

        int callLinkNotify(MediaDevice mdev) {
            owner.call(name + ".link_notify");
            return linkNotify.notify(mdev);
        }

        void callRelease(MediaDevice mdev) {
            owner.call(name + ".release");
            release.release(mdev);
        }
    }

    final Kernel k;
    final Cell home;
    /** mdev->dev: the device the driver is bound to. */
    final Device dev;
    final Mutex graphMutex;
    /** spinlock_t fh_list_lock (taken with spin_lock_irq): a lock in the driver's memory. */
    final Mutex fhListLock;
    /** The list of open media_device_fh (the series). */
    final ListHead fhList;
    /** The devnode embedded in the media_device (the series), or null (mainline: allocated at register). */
    private final MediaDevnode embedded;
    private volatile Ops ops;
    private volatile MediaDevnode devnode;
    private volatile boolean graph;

    private MediaDevice(Kernel k, Cell home, Device dev, boolean embedsDevnode) {
        this.k = k;
        this.home = home;
        this.dev = dev;
        this.graphMutex = new Mutex(k, "graph_mutex", home);
        this.fhListLock = new Mutex(k, "fh_list_lock", home);
        this.fhList = new ListHead(k, home, "mdev->fh_list");
        this.embedded = embedsDevnode ? new MediaDevnode(k, home, this) : null;
        this.devnode = embedded;
    }

    /** Mainline: struct media_device holds a pointer to a devnode the MC core allocates. */
    static MediaDevice withDevnodePointer(Kernel k, Cell home, Device dev) {
        return new MediaDevice(k, home, dev, false);
    }

    /** The series: struct media_device embeds struct media_devnode (the dynamic allocation reverted). */
    static MediaDevice embeddingDevnode(Kernel k, Cell home, Device dev) {
        return new MediaDevice(k, home, dev, true);
    }

    /** mdev->devnode (mainline, a pointer) or &mdev->devnode (the series: no memory is read). */
    MediaDevnode devnode() {
        if (embedded != null) {
            return embedded;
        }
        home.touch("read mdev->devnode");
        return devnode;
    }

    /** mdev->devnode = ... (mainline). */
    void devnode(MediaDevnode d) {
        home.touch("write mdev->devnode");
        devnode = d;
    }

    Ops ops() {
        home.touch("read mdev->ops");
        return ops;
    }

    void ops(Ops o) {
        home.touch("write mdev->ops");
        ops = o;
    }

    /** media_device_init's list and mutex initialisation. */
    void initLists() {
        home.touch("media_device_init: INIT_LIST_HEAD, mutex_init, ida_init");
    }

    /** media_device_register_entity: the driver's entities, pads and links join the graph. */
    void registerGraph() {
        home.touch("media_device_register_entity");
        graph = true;
    }

    /** Removes every entity, interface, pad and link from the graph. */
    void removeGraph(String by) {
        home.touch(by + ": remove the graph objects");
        graph = false;
    }

    @Override
    public String toString() {
        return "media_device in " + home.name();
    }
}
