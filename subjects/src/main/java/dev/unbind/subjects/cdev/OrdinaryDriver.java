package dev.unbind.subjects.cdev;

import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.fs.Cdev;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;

/**
 * An ordinary char driver that never opts into anything a variant adds to the cdev layer: a
 * patch to chrdev_open must leave it working. Registered at module init (no faults there), its
 * read returns one byte and its ioctl a status, never sleeping.
 */
final class OrdinaryDriver {
    static final int MAJOR = 241;
    static final int DEVT = Inode.mkdev(MAJOR, 0);

    final Module module;
    final FileOperations fops;
    final Cdev cdev;

    OrdinaryDriver(Kernel k, CharDevCore core) {
        this.module = Module.load(k, "ordinary");
        this.fops = new FileOperations("ordinary_fops", module);
        fops.open = (inode, f) -> {
            f.privateData(this);
            return 0;
        };
        fops.read = (f, count) -> 1;
        fops.unlockedIoctl = (f, cmd, arg) -> Chardev.STATUS_READY;
        fops.compatIoctl = fops.unlockedIoctl;
        fops.release = (inode, f) -> 0;
        this.cdev = Cdev.init(k, "ordinary", k.memory().global("ordinary_cdev"), fops);
        core.map.registerChrdev(cdev, DEVT, 1);
        core.devfs.create(DEVT);
        module.onExit(() -> {
            core.devfs.remove(DEVT);
            core.cdevDel(cdev);
        });
    }
}
