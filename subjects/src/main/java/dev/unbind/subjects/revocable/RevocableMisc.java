package dev.unbind.subjects.revocable;

import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.CdevMap;
import dev.unbind.kernel.fs.DevFs;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.Misc;
import dev.unbind.kernel.fs.MiscDevice;
import dev.unbind.kernel.fs.Vfs;

/**
 * drivers/char/misc.c with each variant's change, composed from the mainline building blocks of
 * {@link Misc}. misc_open is mainline up to the point where the driver's fops are installed;
 * {@link #openReplaced} is what each variant does from there.
 */
abstract class RevocableMisc extends Misc {
    RevocableMisc(Kernel k, CdevMap map, DevFs devfs) {
        super(k, map, devfs);
    }

    @Override
    public int open(Inode inode, File file) {
        int minor = inode.minor();
        miscMtx.lock();
        try {
            MiscDevice found = findLocked(minor);
            if (found == null) {
                return -Errno.ENODEV;
            }
            RevocableMiscDevice c = (RevocableMiscDevice) found;
            kernel.at(OPEN_FOUND);
            FileOperations newFops = c.fops();
            if (!Vfs.fopsGet(newFops)) {
                return -Errno.ENODEV;
            }
            file.privateData(c);
            file.replaceFops(newFops);
            return openReplaced(inode, file, c);
        } finally {
            miscMtx.unlock();
        }
    }

    /** After replace_fops, still under misc_mtx: 0, or the error the open fails with. */
    abstract int openReplaced(Inode inode, File file, RevocableMiscDevice c);

    /** {@code if (file->f_op->open) err = file->f_op->open(inode, file);}. */
    static int driverOpen(Inode inode, File file) {
        FileOperations f = file.fop();
        if (f.open == null) {
            return 0;
        }
        FsRevocable.call(f, "open");
        return f.open.open(inode, file);
    }

    /** PATCH v5 6/7: "char: misc: Leverage revocable fops replacement". */
    static final class V5 extends RevocableMisc {
        private final FsRevocable.V5 fs;

        V5(Kernel k, CdevMap map, DevFs devfs, FsRevocable.V5 fs) {
            super(k, map, devfs);
            this.fs = fs;
        }

        @Override
        int openReplaced(Inode inode, File file, RevocableMiscDevice c) {
            FsRevocable.V5.Operations frops = c.frops();
            if (frops != null && c.rps() != null) {
                int err = fs.replace(file, frops, c.rps(), c.numRps());
                if (err != 0) {
                    return err;
                }
            }
            return driverOpen(inode, file); // BUG: if the driver's open fails, nothing frees the replacement (no release comes)
        }
    }

    /**
     * The Oct 19 variant: the miscdevice is its own virtual resource; misc_register allocates the
     * provider, misc_deregister revokes it.
     */
    static final class ProviderPerDevice extends RevocableMisc {
        private final RevocableCore.AsPosted core;
        private final FsRevocableOct19 fs;

        ProviderPerDevice(Kernel k, CdevMap map, DevFs devfs, RevocableCore.AsPosted core, FsRevocableOct19 fs) {
            super(k, map, devfs);
            this.core = core;
            this.fs = fs;
        }

        @Override
        public int register(MiscDevice m) {
            RevocableMiscDevice misc = (RevocableMiscDevice) m;
            RevocableCore.Provider<RevocableMiscDevice> rp = core.providerAlloc("miscdevice", misc);
            misc.rp(rp);
            if (rp == null) {
                return -Errno.ENOMEM;
            }
            return super.register(misc); // BUG (D8): its -EBUSY and device_create error paths leave misc->rp allocated
        }

        @Override
        public void deregister(MiscDevice m) {
            RevocableMiscDevice misc = (RevocableMiscDevice) m;
            core.revoke(misc.rp()); // BUG (D7): revoked, and freed if no file holds a handle, while misc_open still finds misc
            super.deregister(misc);
        }

        @Override
        int openReplaced(Inode inode, File file, RevocableMiscDevice c) {
            int err = fs.replace(c.rp(), file);
            if (err != 0) {
                return err;
            }
            return driverOpen(inode, file); // BUG: if the driver's open fails, nothing frees the replacement
        }
    }

    /** misc_open for the corrected fs_revocable. */
    static final class Fixed extends RevocableMisc {
        private final FsRevocableFixed fs;

        Fixed(Kernel k, CdevMap map, DevFs devfs, FsRevocableFixed fs) {
            super(k, map, devfs);
            this.fs = fs;
        }

        @Override
        int openReplaced(Inode inode, File file, RevocableMiscDevice c) {
            FsRevocableFixed.Operations frops = c.frops();
            boolean replaced = frops != null && c.rps() != null;
            if (replaced) {
                int err = fs.replace(file, frops, c.rps(), c.numRps());
                if (err != 0) {
                    return err;
                }
            }
            int err = driverOpen(inode, file);
            if (err != 0 && replaced) {
                fs.discard(file); // FIX: a failed open gets no release
            }
            return err;
        }
    }
}
