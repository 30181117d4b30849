package dev.unbind.subjects.media;

import dev.unbind.kernel.Module;
import dev.unbind.kernel.fs.File;

/**
 * struct media_file_operations: the table the MC core calls from its own file operations
 * (media_device_fops lives in the mc module). Each entry is a function pointer into a module:
 * calling it through a module that is gone is a MODULE finding. An absent entry is null.
 */
final class MediaFileOps {
    /** .open: 0 or -errno. The series passes the devnode; mainline only the file. */
    record Open(Module owner, String name, Body body) {
        interface Body {
            int open(MediaDevnode devnode, File filp);
        }

        int call(MediaDevnode devnode, File filp) {
            owner.call(name);
            return body.open(devnode, filp);
        }
    }

    /** .release: the return value is ignored. A plain pointer, so it can be copied (ref->release). */
    record Release(Module owner, String name, Body body) {
        interface Body {
            int release(File filp);
        }

        int call(File filp) {
            owner.call(name);
            return body.release(filp);
        }
    }

    /** .ioctl / .compat_ioctl. */
    record Ioctl(Module owner, String name, Body body) {
        interface Body {
            long ioctl(File filp, Media.Ioctl cmd);
        }

        long call(File filp, Media.Ioctl cmd) {
            owner.call(name);
            return body.ioctl(filp, cmd);
        }
    }

    final String name;
    final Open open;
    final Release release;
    final Ioctl ioctl;
    final Ioctl compatIoctl;
    /** media_device_fops has no read, write or poll: the core's wrappers test for them. */
    final Object read = null;
    final Object write = null;
    final Object poll = null;

    MediaFileOps(String name, Open open, Release release, Ioctl ioctl, Ioctl compatIoctl) {
        this.name = name;
        this.open = open;
        this.release = release;
        this.ioctl = ioctl;
        this.compatIoctl = compatIoctl;
    }

    @Override
    public String toString() {
        return name;
    }
}
