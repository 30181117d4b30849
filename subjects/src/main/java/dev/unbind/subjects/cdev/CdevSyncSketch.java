package dev.unbind.subjects.cdev;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.kernel.IdentitySlots;
import dev.unbind.kernel.Actor;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.RwSem;
import dev.unbind.kernel.fs.Cdev;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.Vfs;

import java.util.List;

/**
 * Jason Gunthorpe's rwsem "cdev_sync" sketch, exactly as posted in the fs_revocable_replace
 * thread, 2025-10-21 (seed 003; PROTOCOLS.md §3(b), §3(e')): struct cdev gets
 * {@code union { ops; sync }} and {@code is_sync}; chrdev_open installs a per-cdev sync_fops
 * whose open takes sync->sem for read (killable) and refuses once revoked; release calls the
 * original release without the lock ("the driver must only clean up memory"); revoke takes the
 * write side and sets revoked. The driver here calls cdev_sync_init between cdev_init and
 * cdev_add, and revoke at the top of remove, before it frees its state.
 *
 * <p>The intent, and what the posted code does instead:
 * <pre>
 *   CPU0 (user)                                 CPU1 (unbind)
 *   open: chrdev_open
 *     p->is_sync ? fops_get(p->ops)             J1: the test is inverted: a sync cdev's ops is
 *                : fops_get(&amp;p->sync->sync_fops)    its cdev_sync_data, read as file_operations;
 *                                                   every other cdev's ops is read as a sync data
 *     cdev_sync_open: down_read_killable        J4: sem never initialised
 *       fops = fops_get(sync->orig_fops)        J4: never stored, and NULL never checked
 *       filp->f_op->open(inode, filp)           J2: f_op is sync_fops: it calls itself
 *     (f_op stays sync_fops: only open and      J2: read and ioctl are gone
 *      release are filled in)
 *                                               cdev_sync_revoke: down_write   J5: waits for an
 *                                                 open asleep in the driver, wakes nobody
 *                                               kfree(d)                       J5: sync leaks
 *   close: cdev_sync_release: inode->i_cdev->sync   J3: the cdev was inside d: UAF
 * </pre>
 * The defects hide each other: with the test inverted, cdev_sync_open is dead code. So after the
 * as-posted code come three cumulative repairs, each fixing the defect that masks the next, so
 * that every defect of the sketch shows as a finding: {@link IsSyncUninverted} (J1),
 * {@link InitCompleted} (J4), {@link SelfCallFixed} (the self call of J2). What is left in the
 * last one is J2 (no read, no ioctl), J3 and J5.
 *
 * <p>Not modelled: release returning void and revoke returning nothing are type and
 * -Werror=return-type errors with no effect at run time (the VFS ignores release's value and the
 * only caller of revoke ignores it). J6 (misc's one cdev) is not checkable here: see
 * {@link CdevDefects}. The sketch's struct is {@link CdevSyncData}; the driver using it,
 * {@link SyncSketchDriver}.
 */
final class CdevSyncSketch {
    static final Point KZALLOC_SYNC = Point.fallible("cdev.sync.cdev_sync_init.kzalloc");
    /**
     * cdev_sync_init falls off its end: the caller reads whatever the return register holds.
     * The model lets it hold 0, so the rest of the sketch can be exercised, unless this point
     * fails: then the caller gets the low half of the sync pointer, as x86-64 GCC leaves it.
     */
    static final Point NO_RETURN_VALUE = Point.fallible("cdev.sync.cdev_sync_init.no-return-value");
    static final Point OPEN_READ_LOCKED = Point.window("cdev.sync.open.read-locked", "remove")
            .guarding("daq|cdev|cdev_sync_data|fence no daq fop*");
    static final Point REVOKE_WRITE_LOCKED = Point.window("cdev.sync.revoke.write-locked", "open")
            .guarding("cdev|cdev_sync_data");
    /** What a garbage return of cdev_sync_init looks like: the low 32 bits of a kmalloc address. */
    static final int LOW_HALF_OF_SYNC_POINTER = 0x8a3c2e40;

    private CdevSyncSketch() {
    }

    /** fs/char_dev.c with the sketch, as posted. */
    static class AsPosted extends CharDevCore {
        /** The union word of every cdev that went through cdev_sync_init: it holds sync, no longer ops. */
        private final IdentitySlots<Cdev, CdevSyncData> unionHoldsSync = new IdentitySlots<>();
        /** bool is_sync: false (zeroed) for every cdev that never went through cdev_sync_init. */
        private final IdentitySlots<Cdev, Boolean> isSync = new IdentitySlots<>();
        /** How deep each actor is in cdev_sync_open (to see the self call recurse). */
        private final IdentitySlots<Actor, Integer> openDepth = new IdentitySlots<>();

        AsPosted(Kernel k) {
            super(k);
        }

        // ------------------------------------------------------------------ the union

        final boolean isSync(Cdev p) {
            p.home().touch("read cdev->is_sync");
            synchronized (isSync) {
                return isSync.get(p) != null;
            }
        }

        /** {@code p->ops}: the word read as a file_operations pointer. */
        final FileOperations readOps(Cdev p) {
            CdevSyncData s = unionSync(p);
            if (s == null) {
                return p.ops();
            }
            long owner = FopsLayout.ownerWordOf(s);
            if (owner != 0) { // try_module_get(fops->owner) on sem.count
                throw k.oops(Kind.NULL_DEREF, "NULL pointer dereference: fops_get on a cdev_sync_data read as "
                                + "file_operations: owner is sem.count = " + owner, "cdev_sync_data as file_operations",
                        List.of(Role.of("dereferenced by", k.self().site("try_module_get(fops->owner = " + owner + ")"))));
            }
            return FopsLayout.opsOf(s, s.mem.name());
        }

        /** {@code p->sync}: the word read as a cdev_sync_data pointer. */
        final CdevSyncData readSync(Cdev p) {
            CdevSyncData s = unionSync(p);
            if (s == null) {
                throw new IllegalStateException("model: " + p + " holds its ops; no path of the sketch reads them as sync here");
            }
            return s;
        }

        /** {@code &p->sync->sync_fops}: an address computation, no access to the sync data itself. */
        final FileOperations syncFopsAddress(Cdev p) {
            CdevSyncData s = unionSync(p);
            return s != null ? s.syncFops : FopsLayout.syncFopsOf(p.ops());
        }

        /** {@code p->is_sync = true; p->sync = sync}. */
        final void setSync(Cdev p, CdevSyncData s) {
            p.home().touch("write cdev->is_sync");
            synchronized (isSync) {
                isSync.put(p, Boolean.TRUE);
            }
            p.ops(null); // the union word now holds sync; ops is gone
            synchronized (unionHoldsSync) {
                unionHoldsSync.put(p, s);
            }
        }

        private CdevSyncData unionSync(Cdev p) {
            p.home().touch("read cdev->ops/sync");
            synchronized (unionHoldsSync) {
                return unionHoldsSync.get(p);
            }
        }

        static FileOperations fopsGet(FileOperations f) {
            return Vfs.fopsGet(f) ? f : null;
        }

        // ------------------------------------------------------------------ the sketch

        @Override
        FileOperations chrdevOpenFops(Cdev p) {
            if (isSync(p)) {
                return fopsGet(readOps(p)); // BUG (J1): inverted: a sync cdev's cdev_sync_data read as file_operations
            } else {
                return fopsGet(syncFopsAddress(p)); // BUG (J1): every ordinary cdev's own table read 48 bytes in
            }
        }

        /** cdev_sync_open (with the model's count of how deep the caller is in it). */
        final int cdevSyncOpen(Inode inode, File filp) {
            enterOpen();
            try {
                return syncOpen(inode, filp);
            } finally {
                leaveOpen();
            }
        }

        int syncOpen(Inode inode, File filp) {
            Cdev p = inode.cdev();
            CdevSyncData sync = readSync(p);
            if (sync.sem.downReadKillable() != 0) { // scoped_cond_guard(rwsem_read_kill, return -ERESTARTSYS, &sync->sem)
                return -Errno.ERESTARTSYS;
            }
            k.at(OPEN_READ_LOCKED);
            if (sync.revoked()) {
                sync.sem.upRead();
                return -Errno.ENODEV;
            }
            FileOperations fops = fopsGet(sync.origFops());
            if (k.deref(fops, "cdev_sync_open: fops->open, fops = fops_get(sync->orig_fops)").open != null) { // BUG (J4): orig_fops never stored; fops_get's NULL never checked
                int ret = openThrough(fops, inode, filp);
                if (ret != 0) {
                    Vfs.fopsPut(fops);
                    sync.sem.upRead();
                    return ret;
                }
            }
            sync.sem.upRead(); // the guard's scope ends
            return 0;
        }

        /** {@code ret = filp->f_op->open(inode, filp)}. */
        int openThrough(FileOperations fops, Inode inode, File filp) {
            return callOpen(filp.fop(), inode, filp); // BUG (J2): f_op is sync_fops: cdev_sync_open calls itself
        }

        /** Returns int for the model; the sketch's release returns void, which the VFS would ignore anyway. */
        int cdevSyncRelease(Inode inode, File filp) {
            Cdev p = inode.cdev();
            CdevSyncData sync = readSync(p); // BUG (J3): through i_cdev: the cdev's memory is the driver's, freed after revoke
            FileOperations orig = sync.origFops();
            if (k.deref(orig, "cdev_sync_release: sync->orig_fops->release").release != null) {
                if (orig.owner != null) {
                    orig.owner.call(orig.name + ".release");
                }
                orig.release.release(inode, filp);
            }
            Vfs.fopsPut(orig);
            return 0;
        }

        /** "Must call before chrdev_open can happen". */
        int cdevSyncInit(Cdev p) {
            Cell mem = k.kzalloc(KZALLOC_SYNC, "cdev_sync_data");
            if (mem == null) {
                return -Errno.ENOMEM;
            }
            CdevSyncData sync = new CdevSyncData(mem, RwSem.uninitialised(k, "cdev_sync_data.sem", mem), false); // BUG (J4): no init_rwsem
            fillSyncFops(sync);
            // BUG (J4): sync->orig_fops is never set
            setSync(p, sync); // BUG (J4): overwrites p->ops, the only pointer to the driver's table
            return k.fails(NO_RETURN_VALUE) ? LOW_HALF_OF_SYNC_POINTER : 0; // BUG (J4): no return statement
        }

        final void fillSyncFops(CdevSyncData sync) {
            sync.syncFops.owner = null; // THIS_MODULE of fs/char_dev.c: built in
            sync.syncFops.open = this::cdevSyncOpen;
            sync.syncFops.release = this::cdevSyncRelease;
            // "// ..": nothing else (J2)
        }

        /** Returns nothing in the sketch; the driver's remove, its only caller, ignores the value. */
        void cdevSyncRevoke(Cdev p) {
            CdevSyncData sync = readSync(p);
            sync.sem.downWrite(); // guard(rwsem_write) BUG (J5): waits for a reader asleep in the driver's open, and wakes nobody
            sync.writeHeld(true);
            k.at(REVOKE_WRITE_LOCKED);
            sync.revoked(true);
            sync.writeHeld(false);
            sync.sem.upWrite();
        }

        // ------------------------------------------------------------------ model bookkeeping

        final int callOpen(FileOperations t, Inode inode, File filp) {
            if (t.owner != null) {
                t.owner.call(t.name + ".open");
            }
            return t.open.open(inode, filp);
        }

        private void enterOpen() {
            Actor me = k.self();
            int depth;
            synchronized (openDepth) {
                Integer was = openDepth.get(me);
                depth = (was == null ? 0 : was) + 1;
                openDepth.put(me, depth);
            }
            if (depth > 2) { // each level does exactly what the one above did: it never ends
                throw k.oops(Kind.HANG, "kernel stack overflow: cdev_sync_open calls itself through filp->f_op->open "
                                + "without end, taking sync->sem for read at every level", "cdev_sync_open recursion",
                        List.of(Role.of("recursing", me.site("cdev_sync_open -> filp->f_op->open == cdev_sync_open"))));
            }
        }

        private void leaveOpen() {
            Actor me = k.self();
            synchronized (openDepth) {
                openDepth.put(me, openDepth.get(me) - 1);
            }
        }
    }

    /** J1 repaired: sync cdevs get their sync_fops, every other cdev its own ops. */
    static class IsSyncUninverted extends AsPosted {
        IsSyncUninverted(Kernel k) {
            super(k);
        }

        @Override
        FileOperations chrdevOpenFops(Cdev p) {
            if (isSync(p)) {
                return fopsGet(syncFopsAddress(p)); // FIX (J1)
            } else {
                return fopsGet(readOps(p)); // FIX (J1)
            }
        }
    }

    /** J4 repaired as well: the rwsem initialised, the driver's table saved, fops_get checked, a return value. */
    static class InitCompleted extends IsSyncUninverted {
        InitCompleted(Kernel k) {
            super(k);
        }

        @Override
        int cdevSyncInit(Cdev p) {
            Cell mem = k.kzalloc(KZALLOC_SYNC, "cdev_sync_data");
            if (mem == null) {
                return -Errno.ENOMEM;
            }
            CdevSyncData sync = new CdevSyncData(mem, new RwSem(k, "cdev_sync_data.sem", mem), true); // FIX (J4): init_rwsem
            fillSyncFops(sync);
            sync.origFops(readOps(p)); // FIX (J4): the driver's table, saved before the union word is overwritten
            setSync(p, sync);
            return 0; // FIX (J4)
        }

        @Override
        int syncOpen(Inode inode, File filp) {
            Cdev p = inode.cdev();
            CdevSyncData sync = readSync(p);
            if (sync.sem.downReadKillable() != 0) {
                return -Errno.ERESTARTSYS;
            }
            k.at(OPEN_READ_LOCKED);
            if (sync.revoked()) {
                sync.sem.upRead();
                return -Errno.ENODEV;
            }
            FileOperations fops = fopsGet(sync.origFops());
            if (fops == null) { // FIX (J4): the driver's module is going
                sync.sem.upRead();
                return -Errno.ENODEV;
            }
            if (fops.open != null) {
                int ret = openThrough(fops, inode, filp);
                if (ret != 0) {
                    Vfs.fopsPut(fops);
                    sync.sem.upRead();
                    return ret;
                }
            }
            sync.sem.upRead();
            return 0;
        }
    }

    /** The self call repaired too: open calls the driver's open. J2 (no read, no ioctl), J3, J5 remain. */
    static final class SelfCallFixed extends InitCompleted {
        SelfCallFixed(Kernel k) {
            super(k);
        }

        @Override
        int openThrough(FileOperations fops, Inode inode, File filp) {
            return callOpen(fops, inode, filp); // FIX (J2): the original open; f_op still stays sync_fops
        }
    }
}
