package dev.unbind.subjects.media;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.Cdev;

/**
 * struct media_devnode. Where it lives is the whole question: mainline allocates it in the MC
 * core and frees it at the last put of its struct device (so open files keep it); the series
 * embeds it in the driver's media_device ({@code home} is then the driver's context).
 *
 * <p>Every field access touches {@code home}; {@link #container()} is container_of and reads
 * nothing.
 */
final class MediaDevnode {
    private final Kernel k;
    final Cell home;
    private final MediaDevice container;
    private final Device dev;
    private volatile MediaFileOps fops;
    private volatile Cdev cdev;
    private volatile int minor = -1;
    private volatile boolean registered;
    private volatile Runnable release;
    private volatile MediaDevice mediaDev;
    private volatile CompatRef ref;

    /** @param container the media_device embedding this devnode (the series), or null (mainline) */
    MediaDevnode(Kernel k, Cell home, MediaDevice container) {
        this.k = k;
        this.home = home;
        this.container = container;
        this.dev = new Device(k, "media_devnode.dev", home, null);
    }

    /** to_media_device(devnode): container_of, the series only. */
    MediaDevice container() {
        if (container == null) {
            throw new IllegalStateException("mainline's devnode is not embedded in a media_device");
        }
        return container;
    }

    /** &devnode->dev: an address, nothing is read. */
    Device dev() {
        return dev;
    }

    /** test_bit(MEDIA_FLAG_REGISTERED, &devnode->flags). */
    boolean registered() {
        home.touch("test_bit(MEDIA_FLAG_REGISTERED, &devnode->flags)");
        return registered;
    }

    /** set_bit / clear_bit(MEDIA_FLAG_REGISTERED). */
    void registered(boolean on) {
        home.touch((on ? "set_bit" : "clear_bit") + "(MEDIA_FLAG_REGISTERED, &devnode->flags)");
        registered = on;
    }

    MediaFileOps fops() {
        home.touch("read devnode->fops");
        return fops;
    }

    void fops(MediaFileOps f) {
        home.touch("write devnode->fops");
        fops = f;
    }

    Cdev cdev() {
        home.touch("read devnode->cdev");
        return cdev;
    }

    void cdev(Cdev c) {
        home.touch("cdev_init(&devnode->cdev)");
        cdev = c;
    }

    int minor() {
        home.touch("read devnode->minor");
        return minor;
    }

    void minor(int m) {
        home.touch("write devnode->minor");
        minor = m;
    }

    Runnable release() {
        home.touch("read devnode->release");
        return release;
    }

    void release(Runnable r) {
        home.touch("write devnode->release");
        release = r;
    }

    /** devnode->media_dev (mainline's back pointer; NULL once unregistered). */
    MediaDevice mediaDev() {
        home.touch("read devnode->media_dev");
        return mediaDev;
    }

    void mediaDev(MediaDevice m) {
        home.touch("write devnode->media_dev");
        mediaDev = m;
    }

    /** devnode->ref (the series; NULL in refcounted mode). */
    CompatRef ref() {
        home.touch("read devnode->ref");
        return ref;
    }

    void ref(CompatRef r) {
        home.touch("write devnode->ref");
        ref = r;
    }

    /** devnode->mcdev.is_compat_ref: always false for the devnode's own char device. */
    boolean isCompatRef() {
        home.touch("read devnode->mcdev.is_compat_ref");
        return false;
    }

    /** device_create_file / device_remove_file(&devnode->dev, &dev_attr_model). */
    void modelAttr(String what) {
        home.touch(what + "(&devnode->dev, &dev_attr_model)");
    }

    @Override
    public String toString() {
        return "media_devnode in " + home.name();
    }
}
