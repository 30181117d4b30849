package dev.unbind.subjects.media;

import dev.unbind.subject.Machine;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;

/**
 * What a media-controller scenario can do to any variant: the user side (open /dev/media0, the
 * MEDIA_IOC ioctls, read, write, poll, close) and the system side (probe, remove, rmmod, the
 * device's interrupt). Each method is one system call, sysfs action or hardware event and
 * returns what user space would see.
 */
public interface Media extends Machine {
    /** The ioctls the model knows (MEDIA_IOC_*). */
    enum Ioctl {
        /** MEDIA_IOC_DEVICE_INFO: copies strings out of the media_device, no graph_mutex. */
        DEVICE_INFO,
        /** MEDIA_IOC_G_TOPOLOGY: walks the graph under graph_mutex (memory only). */
        G_TOPOLOGY,
        /** MEDIA_IOC_SETUP_LINK: under graph_mutex, calls the driver's link_notify, which powers the pipeline. */
        SETUP_LINK
    }

    Kernel kernel();

    /** Binds the ISP driver to its platform device; 0 or -errno. */
    int probe();

    /** open("/dev/media0") through devtmpfs: -ENOENT once the node is gone. */
    OpenResult open();

    /**
     * open() of a node made with mknod for media0's dev_t (a static /dev): chrdev_open looks the
     * dev_t up in the char-device map, so the device is reachable as soon as cdev_add mapped it.
     */
    OpenResult openNode();

    /** open("/proc/self/fd/N") of an open fd: the same inode, its cached i_cdev. */
    OpenResult reopen(File f);

    long ioctl(File f, Ioctl cmd);

    /** The same ioctl from a 32-bit process (media_compat_ioctl). */
    long compatIoctl(File f, Ioctl cmd);

    long read(File f);

    long write(File f);

    int poll(File f);

    void close(File f);

    /** The ISP raises its interrupt (or a device sharing the line does): the handler runs if requested. */
    void interrupt();

    /** Unbinds the driver (sysfs unbind / hot-unplug): remove, then devres. */
    void remove();

    /** rmmod of the ISP driver module (its exit unbinds the device). */
    int rmmodDriver();

    /** rmmod of the media controller core module (mc). */
    int rmmodMc();

    /** Closes everything still open, removes, unloads: what is left is a leak. */
    void quiesce();
}
