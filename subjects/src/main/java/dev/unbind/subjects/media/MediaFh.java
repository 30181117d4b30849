package dev.unbind.subjects.media;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;

/**
 * struct media_device_fh with its struct media_devnode_fh (the series): kzalloc'ed by
 * media_device_open, linked on the media device's fh_list, freed by media_device_close. It is
 * the file's private_data.
 */
final class MediaFh {
    final Cell home;
    /** mdev_list: this handle's entry on mdev->fh_list. */
    final ListHead mdevList;
    private volatile MediaDevnode devnode;
    private volatile CompatRef ref;

    MediaFh(Kernel k, Cell home) {
        this.home = home;
        this.mdevList = new ListHead(k, home, "fh->mdev_list");
    }

    MediaDevnode devnode() {
        home.touch("read fh->devnode");
        return devnode;
    }

    void devnode(MediaDevnode d) {
        home.touch("write fh->devnode");
        devnode = d;
    }

    CompatRef ref() {
        home.touch("read fh->ref");
        return ref;
    }

    void ref(CompatRef r) {
        home.touch("write fh->ref");
        ref = r;
    }

    @Override
    public String toString() {
        return "media_device_fh " + home.name();
    }
}
