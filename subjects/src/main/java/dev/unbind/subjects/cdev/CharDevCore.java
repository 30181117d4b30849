package dev.unbind.subjects.cdev;

import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.fs.Cdev;
import dev.unbind.kernel.fs.CdevMap;
import dev.unbind.kernel.fs.DevFs;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vfs;

/**
 * fs/char_dev.c as mainline has it: the char-device map, chrdev_open, cdev_add and cdev_del.
 * The patches compared in this family change this file, so each of them subclasses it: they
 * change chrdev_open's choice of file operations and what cdev_del waits for, and add their own
 * registration calls. Every node of the machine is opened through here.
 */
@dev.unbind.code.Core
class CharDevCore {
    static final int DAQ_MAJOR = 240;
    /** chrdev_open holds a cdev reference (cdev_get) and has not yet read the cdev's fields. */
    static final Point OPEN_GOT_CDEV = Point.window("cdev.core.chrdev_open.got-cdev", "remove", "rmmod")
            .guarding("cdev|daq|cdev_sync_data|module *|fence no daq fop*");

    final Kernel k;
    final CdevMap map;
    final DevFs devfs = new DevFs();

    CharDevCore(Kernel k) {
        this.k = k;
        this.map = new CdevMap(k);
    }

    /**
     * chrdev_open's {@code fops = fops_get(p->ops)}: the table to install with its module
     * pinned, or null (-ENXIO).
     */
    FileOperations chrdevOpenFops(Cdev p) {
        return Vfs.MAINLINE.select(p);
    }

    /** open(2) of a node by path. */
    final OpenResult openPath(int devt) {
        return Vfs.openPath(k, devfs, map, devt, this::gotCdev);
    }

    /** open(2) of an inode that may have cached its cdev (/proc/PID/fd/N). */
    final OpenResult open(Inode inode) {
        return Vfs.open(k, inode, map, this::gotCdev);
    }

    private FileOperations gotCdev(Cdev p) {
        k.at(OPEN_GOT_CDEV);
        return chrdevOpenFops(p);
    }

    /** cdev_add: 0 or -ENOMEM. */
    int cdevAdd(Cdev p, int devt, int count) {
        return map.add(p, devt, count);
    }

    /** cdev_del: no new opens; open files and their fops are untouched. */
    void cdevDel(Cdev p) {
        map.del(p);
    }
}
