package dev.unbind.subjects.misc;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.MiscDevice;
import dev.unbind.kernel.fs.Vfs;

import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Tzung-Bi Shih's "subsystem level solution for misc device without revocable" (seed 003,
 * December 2025), mirrored as posted: struct miscdevice gains {@code some_lock} and
 * {@code registered}; misc_open installs a global {@code misc_some_fops} (poll, read,
 * unlocked_ioctl, release; no .owner) after the driver's open; every call re-finds the device by
 * the file's minor with {@code find_miscdevice}, a walk of misc_list under no lock, then takes
 * that device's mutex and calls the driver if it is still registered. misc_deregister clears
 * {@code registered} under the mutex first.
 *
 * <p>The post shows misc_some_poll in full and elides the bodies of read, unlocked_ioctl and
 * release ("analogous"); they are written here with poll's shape. The author names two issues
 * himself: the big lock ("misc_deregister() needs to wait for all open files") and the UAF of a
 * dangling fd reaching the freed miscdevice.
 */
final class MiscMutexCore extends MiscCore {
    /** find_miscdevice returned a device; its mutex is not taken yet. */
    static final Point FOUND = Point.window("misc.mutex.found", "remove").guarding("miscdevice");

    /** struct miscdevice with the two posted fields, in the driver's memory. */
    static final class MutexMiscDevice extends MiscDevice {
        final Mutex someLock;
        private volatile boolean registered;

        MutexMiscDevice(Kernel k, Cell home, String name, FileOperations fops, Device parent) {
            super(home, name, DYNAMIC_MINOR, fops, parent);
            this.someLock = new Mutex(k, name + ".some_lock", home);
        }

        boolean registered() {
            home().touch("read miscdevice->registered");
            return registered;
        }

        void registered(boolean r) {
            home().touch("write miscdevice->registered");
            registered = r;
        }
    }

    /** misc_some_fops: the one table every opened misc file ends up with. */
    private final FileOperations miscSomeFops = new FileOperations("misc_some_fops", null); // BUG: no .owner, and no compat_ioctl, write, mmap, llseek

    MiscMutexCore(Kernel k) {
        super(k);
        miscSomeFops.poll = this::somePoll;
        miscSomeFops.read = (f, n) -> some(f, "read", c -> c.fops().read, -Errno.EINVAL, fop -> fop.read.read(f, n));
        miscSomeFops.unlockedIoctl = (f, cmd, arg) -> some(f, "unlocked_ioctl", c -> c.fops().unlockedIoctl, -Errno.ENOTTY,
                fop -> fop.unlockedIoctl.ioctl(f, cmd, arg));
        miscSomeFops.release = (inode, f) -> (int) some(f, "release", c -> c.fops().release, 0,
                fop -> fop.release.release(inode, f));
    }

    @Override
    MiscDevice newMiscDevice(Cell home, String name, FileOperations fops, Device parent) {
        return new MutexMiscDevice(kernel, home, name, fops, parent);
    }

    /** find_miscdevice: a walk of misc_list that reads every entry it passes. */
    private MutexMiscDevice findMiscdevice(int minor) {
        return (MutexMiscDevice) findLocked(minor); // BUG: under no lock; entries are unlinked and freed meanwhile
    }

    /** misc_some_poll, as posted. */
    private int somePoll(File filp) {
        MutexMiscDevice c = findMiscdevice(filp.inode().minor());
        if (c == null) {
            return -Errno.ENODEV; // BUG: an errno returned as __poll_t
        }
        kernel.at(FOUND);
        if (c.fops().poll == null) { // BUG: no reference on c: remove may have freed it since the lookup
            return 0;
        }
        c.someLock.lock();
        try {
            if (!c.registered()) {
                return -Errno.ENODEV; // BUG: an errno returned as __poll_t
            }
            callThrough(c.fops(), "poll");
            return c.fops().poll.poll(filp);
        } finally {
            c.someLock.unlock();
        }
    }

    /** read, unlocked_ioctl, release: "analogous" to poll. */
    private long some(File filp, String op, Function<MiscDevice, Object> entry, long absent,
                      ToLongFunction<FileOperations> call) {
        MutexMiscDevice c = findMiscdevice(filp.inode().minor()); // BUG: the minor may belong to another device by now
        if (c == null) {
            return -Errno.ENODEV;
        }
        kernel.at(FOUND);
        if (entry.apply(c) == null) { // BUG: no reference on c
            return absent;
        }
        c.someLock.lock();
        try {
            if (!c.registered()) {
                return -Errno.ENODEV; // BUG: for release, the driver never sees this file again
            }
            callThrough(c.fops(), op);
            return call.applyAsLong(c.fops()); // BUG: one mutex for every fop of every file; a sleeping read holds it
        } finally {
            c.someLock.unlock();
        }
    }

    /** misc_open, with the posted line after the driver's open. */
    @Override
    public int open(Inode inode, File file) {
        int minor = inode.minor();
        miscMtx.lock();
        try {
            MiscDevice c = findLocked(minor);
            if (c == null) {
                return -Errno.ENODEV;
            }
            kernel.at(OPEN_FOUND);
            FileOperations newFops = c.fops();
            if (!Vfs.fopsGet(newFops)) {
                return -Errno.ENODEV;
            }
            file.privateData(c);
            file.replaceFops(newFops);
            int err = 0;
            if (file.fop().open != null) {
                callThrough(file.fop(), "open");
                err = file.fop().open.open(inode, file);
            }
            file.fop(miscSomeFops); // BUG: even when the driver's open failed; the fops_get of the driver's table is never put
            return err;
        } finally {
            miscMtx.unlock();
        }
    }

    /** The posted lines before list_add in misc_register. */
    @Override
    public void listAdd(MiscDevice m) {
        ((MutexMiscDevice) m).registered(true); // mutex_init(&misc->some_lock); misc->registered = true;
        super.listAdd(m);
    }

    /** misc_deregister with the posted lines first. */
    @Override
    public void deregister(MiscDevice misc) {
        MutexMiscDevice m = (MutexMiscDevice) misc;
        m.someLock.lock(); // waits for the fop holding it: every fop of every file
        m.registered(false);
        m.someLock.unlock();
        super.deregister(misc);
    }
}
