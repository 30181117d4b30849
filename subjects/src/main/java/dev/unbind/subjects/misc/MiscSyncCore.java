package dev.unbind.subjects.misc;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Kref;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.RwSem;
import dev.unbind.kernel.Srcu;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.MiscDevice;
import dev.unbind.kernel.fs.Vfs;

import java.util.function.LongSupplier;

/**
 * misc_register_sync / misc_deregister_sync: Jason Gunthorpe's synchronous deregister (seed 003,
 * October–November 2025; PROTOCOLS.md §2(b)). His concrete code is a cdev-level sketch (§3);
 * this is its misc form as the thread shapes it: misc_open installs a per-device shim table whose
 * every entry takes the read side of a lock and calls the driver only while the device is alive;
 * deregister takes the write side (or flips alive and waits an SRCU grace period), so when it
 * returns no driver fop runs and none will. Release is not fenced.
 *
 * <p>Rules, as proposed:
 * <ol>
 *   <li>Every fop of a sync device goes through the shim: read side, {@code alive ? orig : -ENODEV}.</li>
 *   <li>misc_deregister_sync: write side (alive = false) — or alive = false and synchronize_srcu —
 *       then misc_deregister. Remove waits for fops in flight, never for files to close.</li>
 *   <li>release runs without the lock, possibly after deregister: the driver may only free memory
 *       there (INV-MS2, the driver's obligation).</li>
 *   <li>The sync object (lock, alive, the shim table, embedded as in the sketch's
 *       {@code cdev_sync_data}) lives as long as the files: each open file holds a reference.</li>
 *   <li>The shim's owner is misc.c itself; the shim pins the driver's module (fops_get of the
 *       driver's table) at open and drops it at release, as the sketch does.</li>
 * </ol>
 */
abstract class MiscSyncCore extends MiscCore {
    static final Point SYNC_KZALLOC = Point.fallible("misc.sync.register.kzalloc");
    static final Point REVOKED = Point.step("misc.sync.deregister.revoked");
    /** misc_open has dropped misc_mtx and is returning to the VFS. */
    static final Point OPEN_RETURNED = Point.window("misc.core.misc_open.returned", "remove")
            .guarding("misc_sync|miscdevice|chardev_priv");

    /** struct miscdevice with the pointer to its sync object. */
    static final class SyncMiscDevice extends MiscDevice {
        private volatile Sync sync;

        SyncMiscDevice(Cell home, String name, FileOperations fops, Device parent) {
            super(home, name, DYNAMIC_MINOR, fops, parent);
        }

        Sync sync() {
            home().touch("read miscdevice->sync");
            return sync;
        }

        void sync(Sync s) {
            home().touch("write miscdevice->sync");
            sync = s;
        }
    }

    /** The sync object: the fence lock, alive, the driver's table, the shim table it embeds. */
    abstract class Sync {
        final Cell mem;
        final Kref ref;
        final FileOperations orig;
        final FileOperations shim;
        private volatile boolean alive = true;

        Sync(Cell mem, FileOperations orig) {
            this.mem = mem;
            this.ref = new Kref(kernel, "misc_sync.ref", mem);
            this.orig = orig;
            this.shim = buildShim(this);
        }

        /** Enters the read side: a token for {@link #readUnlock}, or a negative errno. */
        abstract int readLock();

        abstract void readUnlock(int token);

        /** The write side: alive = false, and wait for every reader inside. */
        abstract void revoke();

        /** Tears the lock down before the memory is freed. */
        void destroy() {
        }

        boolean alive() {
            mem.touch("read sync->alive");
            return alive;
        }

        void kill() {
            mem.touch("write sync->alive");
            alive = false;
        }
    }

    MiscSyncCore(Kernel k) {
        super(k);
    }

    /** A new sync object for a table, or null when setting up its lock failed. */
    abstract Sync newSync(Cell mem, FileOperations orig);

    @Override
    MiscDevice newMiscDevice(Cell home, String name, FileOperations fops, Device parent) {
        return new SyncMiscDevice(home, name, fops, parent);
    }

    // ------------------------------------------------------------------ register / deregister

    /** misc_register_sync: 0 or -errno; nothing is left behind on failure. */
    int registerSync(MiscDevice misc) {
        SyncMiscDevice m = (SyncMiscDevice) misc;
        Cell mem = kernel.kzalloc(SYNC_KZALLOC, "misc_sync");
        if (mem == null) {
            return -Errno.ENOMEM;
        }
        Sync s = newSync(mem, m.fops());
        if (s == null) {
            kernel.memory().free(mem, "misc_register_sync: kfree(sync)");
            return -Errno.ENOMEM;
        }
        m.sync(s); // published before the device is on the list: every open sees it
        int rc = register(m);
        if (rc != 0) {
            m.sync(null);
            putSync(s);
        }
        return rc;
    }

    /** misc_deregister_sync: fence, then misc_deregister, then drop the registration's reference. */
    void deregisterSync(MiscDevice misc) {
        SyncMiscDevice m = (SyncMiscDevice) misc;
        Sync s = m.sync();
        s.revoke();
        kernel.at(REVOKED);
        deregister(m);
        putSync(s);
    }

    void putSync(Sync s) {
        s.ref.put(() -> {
            s.destroy();
            kernel.memory().free(s.mem, "misc_sync_release: kfree(sync)");
        });
    }

    // ------------------------------------------------------------------ misc_open

    /** misc_open: a sync device's file gets the shim table instead of the driver's. */
    @Override
    public int open(Inode inode, File file) {
        int minor = inode.minor();
        int rc;
        miscMtx.lock();
        try {
            MiscDevice c = findLocked(minor);
            if (c == null) {
                return -Errno.ENODEV;
            }
            kernel.at(OPEN_FOUND);
            Sync s = ((SyncMiscDevice) c).sync();
            FileOperations newFops = s != null ? s.shim : c.fops();
            if (!Vfs.fopsGet(newFops)) {
                return -Errno.ENODEV;
            }
            file.privateData(c);
            file.replaceFops(newFops);
            FileOperations f = file.fop();
            rc = 0;
            if (f.open != null) {
                callThrough(f, "open");
                rc = f.open.open(inode, file);
            }
        } finally {
            miscMtx.unlock();
        }
        kernel.at(OPEN_RETURNED);
        return rc;
    }

    // ------------------------------------------------------------------ the shim

    /** The shim table, embedded in the sync object: one entry per entry the driver has. */
    FileOperations buildShim(Sync s) {
        FileOperations o = s.orig;
        FileOperations shim = new FileOperations("misc_sync_fops", null, s.mem);
        shim.open = (inode, f) -> shimOpen(s, inode, f);
        shim.release = (inode, f) -> shimRelease(s, inode, f);
        if (o.read != null) {
            shim.read = (f, n) -> guarded(s, "read", () -> o.read.read(f, n));
        }
        if (o.write != null) {
            shim.write = (f, n) -> guarded(s, "write", () -> o.write.write(f, n));
        }
        if (o.unlockedIoctl != null) {
            shim.unlockedIoctl = (f, cmd, arg) -> guarded(s, "unlocked_ioctl", () -> o.unlockedIoctl.ioctl(f, cmd, arg));
        }
        if (o.compatIoctl != null) {
            shim.compatIoctl = (f, cmd, arg) -> guarded(s, "compat_ioctl", () -> o.compatIoctl.ioctl(f, cmd, arg));
        }
        if (o.poll != null) {
            shim.poll = f -> shimPoll(s, f);
        }
        return shim;
    }

    /** read side; alive ? orig : -ENODEV. */
    long guarded(Sync s, String op, LongSupplier orig) {
        int token = s.readLock();
        if (token < 0) {
            return token;
        }
        try {
            if (!s.alive()) {
                return -Errno.ENODEV;
            }
            callThrough(s.orig, op);
            return orig.getAsLong(); // BUG: a driver fop that sleeps (a read waiting for an event) holds off revoke forever
        } finally {
            s.readUnlock(token);
        }
    }

    int shimPoll(Sync s, File f) {
        return (int) guarded(s, "poll", () -> s.orig.poll.poll(f)); // BUG: the -ENODEV of a revoked device goes out as a poll mask
    }

    int shimOpen(Sync s, Inode inode, File f) {
        s.ref.get(); // the file's reference: misc_open holds misc_mtx and found the device listed
        int token = s.readLock();
        if (token < 0) {
            putSync(s);
            return token;
        }
        try {
            if (!s.alive() || !Vfs.fopsGet(s.orig)) {
                putSync(s);
                return -Errno.ENODEV;
            }
            int rc = 0;
            if (s.orig.open != null) {
                callThrough(s.orig, "open");
                rc = s.orig.open.open(inode, f);
            }
            if (rc != 0) {
                Vfs.fopsPut(s.orig);
                putSync(s); // BUG: f_op still points at the shim inside the sync object the VFS reads next
            }
            return rc;
        } finally {
            s.readUnlock(token);
        }
    }

    int shimRelease(Sync s, Inode inode, File f) {
        int rc = 0;
        if (s.orig.release != null) {
            callThrough(s.orig, "release");
            rc = s.orig.release.release(inode, f); // not fenced: after deregister the driver may only free memory
        }
        Vfs.fopsPut(s.orig);
        putSync(s); // BUG: the last put frees the shim table; __fput's fops_put(f_op) reads it next
        return rc;
    }

    // ------------------------------------------------------------------ the two flavours

    /** The default flavour: an rw_semaphore; fops take it killably, deregister for write. */
    static class Rwsem extends MiscSyncCore {
        Rwsem(Kernel k) {
            super(k);
        }

        @Override
        Sync newSync(Cell mem, FileOperations orig) {
            return new Sync(mem, orig) {
                private final RwSem sem = new RwSem(kernel, "misc_sync.sem", mem);

                @Override
                int readLock() {
                    return sem.downReadKillable() == 0 ? 0 : -Errno.ERESTARTSYS;
                }

                @Override
                void readUnlock(int token) {
                    sem.upRead();
                }

                @Override
                void revoke() {
                    sem.downWrite(); // waits for every fop inside; blocks new ones meanwhile
                    kill();
                    sem.upWrite();
                }
            };
        }
    }

    /** The SRCU flavour: cheap read side, a grace period per deregister. */
    static final class SrcuFlavour extends MiscSyncCore {
        static final Point INIT_SRCU = Point.fallible("misc.sync.register.init_srcu_struct");

        SrcuFlavour(Kernel k) {
            super(k);
        }

        @Override
        Sync newSync(Cell mem, FileOperations orig) {
            if (kernel.fails(INIT_SRCU)) {
                return null;
            }
            return new Sync(mem, orig) {
                private final Srcu srcu = new Srcu(kernel, "misc_sync.srcu", mem);

                @Override
                int readLock() {
                    return srcu.readLock();
                }

                @Override
                void readUnlock(int token) {
                    srcu.readUnlock(token);
                }

                @Override
                void revoke() {
                    kill();
                    srcu.synchronize(); // waits for every reader that may have seen alive
                }
            };
        }
    }
}
