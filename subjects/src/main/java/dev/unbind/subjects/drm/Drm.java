package dev.unbind.subjects.drm;

import dev.unbind.subject.Machine;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vma;

/**
 * What a DRM scenario can do to any variant: the user side (open, ioctls, commits, mmap, close)
 * and the system side (probe, remove, rmmod). Each method is one system call or one sysfs/module
 * action and returns what user space would see.
 */
public interface Drm extends Machine {
    /** The ioctls the model knows. */
    enum Ioctl {
        /** DRM_IOCTL_MODE_GETRESOURCES: walks mode_config (KMS objects, memory only). */
        GETRESOURCES,
        /** A driver ioctl reading a hardware register (GET_PARAM). */
        GET_PARAM,
        /** DRM_IOCTL_MODE_GETCONNECTOR with a forced probe: connector->detect reads the HPD pin. */
        DETECT,
        /** A driver ioctl waiting for a hardware event (vblank / fence), interruptibly. */
        WAIT_EVENT,
        /** DRM_IOCTL_MODE_ATOMIC, blocking. */
        ATOMIC,
        /** DRM_IOCTL_MODE_ATOMIC with DRM_MODE_ATOMIC_NONBLOCK: the tail runs in a kworker. */
        ATOMIC_NONBLOCK
    }

    Kernel kernel();

    /** Binds the driver to the platform device (probe); 0 or -errno. */
    int probe();

    /** open("/dev/dri/card0"). */
    OpenResult open();

    /** open("/proc/self/fd/N") of an open fd: the same inode, its cached i_cdev. */
    OpenResult reopen(File f);

    long ioctl(File f, Ioctl cmd);

    void close(File f);

    /** mmap of a buffer in device memory (VRAM through the BAR). */
    Vma mmap(File f);

    /** The user touches the mapping: 0, or a VM_FAULT code (SIGBUS). */
    int touch(Vma v);

    void munmap(Vma v);

    /** Unbinds the driver (sysfs unbind / hot-unplug): remove, then devres. */
    void remove();

    /** rmmod of the panel helper module, which registered a drmm action. */
    int rmmodHelper();

    /** rmmod of the display driver module. */
    int rmmodDriver();

    /** Closes and unmaps everything still open, removes, unloads: what is left is a leak. */
    void quiesce();
}
