package dev.unbind.subjects.misc;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Kref;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.Srcu;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.MiscDevice;
import dev.unbind.kernel.fs.Vfs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * misc_sync_register, from Tzung-Bi Shih's misc_uaf branch ("char: misc: Introduce
 * misc_sync_register()", "Use SRCU to protect list traversal"; PROTOCOLS.md §2(b)), mirrored from
 * the patched misc.c: misc_list is walked under one global SRCU ({@code misc_srcu}) instead of
 * misc_mtx, misc_open included; an opt-in {@code miscdevice_sync_ctx} (kref, the minor, the
 * driver's table and a copy of it whose read, unlocked_ioctl and compat_ioctl are wrappers and
 * whose release is misc_sync_release) is published after misc_register. A wrapper re-finds the
 * device by minor under misc_srcu and returns -ENODEV once it is gone; misc_deregister waits for
 * a grace period, then parks the context on {@code misc_sync_ctx_list} until the last file
 * closes, and only then frees the minor.
 *
 * <p>Not modelled: the fixed-minor request_module path (the chardev uses a dynamic minor) and
 * the reset of a dynamic minor at the end of misc_deregister (the miscdevice is not reused).
 */
final class MiscSyncRegisterCore extends MiscCore {
    static final Point CTX_KZALLOC = Point.fallible("misc.sync_register.kzalloc-ctx");
    /** misc_register returned: the device is listed; its sync context is not published yet. */
    static final Point UNPUBLISHED = Point.window("misc.sync_register.listed-unpublished", "open")
            .guarding("miscdevice|miscdevice_sync_ctx|misc_sync");

    /** struct miscdevice with {@code sync_ctx}. */
    static final class CtxMiscDevice extends MiscDevice {
        private volatile Ctx syncCtx;

        CtxMiscDevice(Cell home, String name, FileOperations fops, Device parent) {
            super(home, name, DYNAMIC_MINOR, fops, parent);
        }

        Ctx syncCtx() {
            home().touch("read miscdevice->sync_ctx");
            return syncCtx;
        }

        void syncCtx(Ctx c) {
            home().touch("write miscdevice->sync_ctx");
            syncCtx = c;
        }
    }

    /** struct miscdevice_sync_ctx. */
    final class Ctx {
        final Cell mem;
        final int minor;
        final Kref kref;
        final FileOperations orig;
        /** The copy of the driver's table with the wrapped entries: what sync files' f_op points at. */
        final FileOperations fops;

        Ctx(Cell mem, MiscDevice misc) {
            this.mem = mem;
            this.minor = misc.minor();
            this.kref = new Kref(kernel, "miscdevice_sync_ctx.kref", mem);
            this.orig = misc.fops();
            this.fops = orig.copy("miscdevice_sync_ctx.fops", mem); // memcpy: every entry it does not override stays the driver's
            if (orig.read != null) {
                fops.read = (f, n) -> wrapped(f, "read", fop -> fop.read.read(f, n));
            }
            if (orig.unlockedIoctl != null) {
                fops.unlockedIoctl = (f, cmd, arg) -> wrapped(f, "unlocked_ioctl", fop -> fop.unlockedIoctl.ioctl(f, cmd, arg));
            }
            if (orig.compatIoctl != null) {
                fops.compatIoctl = (f, cmd, arg) -> wrapped(f, "compat_ioctl", fop -> fop.compatIoctl.ioctl(f, cmd, arg));
            }
            fops.release = MiscSyncRegisterCore.this::syncRelease; // BUG: poll (and write, mmap) keep calling the driver directly
        }

        int minor() {
            mem.touch("read ctx->minor");
            return minor;
        }
    }

    /** misc_srcu: one grace-period domain for every misc device in the system. */
    private final Srcu miscSrcu;
    /** misc_sync_ctx_list: contexts of deregistered devices with files still open. */
    private final List<Ctx> syncCtxList = new ArrayList<>();

    MiscSyncRegisterCore(Kernel k) {
        super(k);
        this.miscSrcu = new Srcu(k, "misc_srcu", null);
    }

    @Override
    MiscDevice newMiscDevice(Cell home, String name, FileOperations fops, Device parent) {
        return new CtxMiscDevice(home, name, fops, parent);
    }

    // ------------------------------------------------------------------ register / deregister

    /** misc_sync_register: 0 or -errno. */
    int syncRegister(MiscDevice misc) {
        Cell mem = kernel.kzalloc(CTX_KZALLOC, "miscdevice_sync_ctx");
        if (mem == null) {
            return -Errno.ENOMEM;
        }
        int ret = register(misc);
        if (ret != 0) {
            kernel.memory().free(mem, "misc_sync_register: kfree(ctx)");
            return ret;
        }
        kernel.at(UNPUBLISHED);
        Ctx ctx = new Ctx(mem, misc);
        ((CtxMiscDevice) misc).syncCtx(ctx); // BUG: published last; an open since list_add got the driver's own fops
        return 0;
    }

    /** misc_deregister of this branch. */
    @Override
    public void deregister(MiscDevice misc) {
        CtxMiscDevice m = (CtxMiscDevice) misc;
        miscMtx.lock();
        listDel(m);
        miscMtx.unlock();
        miscSrcu.synchronize(); // BUG: global: waits for every wrapped fop of every misc device, sleeping ones too
        deviceDestroy(m);
        Ctx ctx = m.syncCtx();
        if (ctx == null) {
            minors().free(m.minor());
        } else {
            miscMtx.lock();
            ctx.mem.touch("list_add_rcu(&ctx->list, &misc_sync_ctx_list)");
            synchronized (syncCtxList) {
                syncCtxList.add(ctx);
            }
            miscMtx.unlock();
            ctx.kref.put(() -> ctxRelease(ctx)); // the minor is freed at the last close
        }
    }

    private void ctxRelease(Ctx ctx) {
        minors().free(ctx.minor());
        miscMtx.lock();
        ctx.mem.touch("list_del_rcu(&ctx->list)");
        synchronized (syncCtxList) {
            syncCtxList.remove(ctx);
        }
        miscMtx.unlock();
        miscSrcu.synchronize(); // BUG: at close too: a close waits for every misc reader in the system
        kernel.memory().free(ctx.mem, "misc_sync_ctx_release: kfree(ctx)");
    }

    // ------------------------------------------------------------------ misc_open and the wrappers

    /** misc_open under misc_srcu. */
    @Override
    public int open(Inode inode, File file) {
        int minor = inode.minor();
        int idx = miscSrcu.readLock();
        try {
            MiscDevice c = findLocked(minor);
            FileOperations newFops = null;
            if (c != null) {
                kernel.at(OPEN_FOUND);
                newFops = Vfs.fopsGet(c.fops()) ? c.fops() : null;
            }
            if (newFops == null) {
                return -Errno.ENODEV;
            }
            file.privateData(c);
            file.replaceFops(newFops);
            Ctx ctx = ((CtxMiscDevice) c).syncCtx();
            if (ctx != null) {
                file.fop(ctx.fops);
                ctx.kref.get(); // BUG: dropped only by misc_sync_release, which a failed open never gets
            }
            int err = 0;
            if (file.fop().open != null) {
                callThrough(file.fop(), "open");
                err = file.fop().open.open(inode, file);
            }
            return err;
        } finally {
            miscSrcu.readUnlock(idx);
        }
    }

    /** DEFINE_SYNC_FOPS: the device re-found by minor under misc_srcu. */
    private long wrapped(File filp, String op, ToLongFunction<FileOperations> call) {
        int idx = miscSrcu.readLock();
        try {
            MiscDevice c = findLocked(filp.inode().minor());
            if (c == null) {
                return -Errno.ENODEV;
            }
            callThrough(c.fops(), op);
            return call.applyAsLong(c.fops()); // BUG: a sleeping read stays inside the global SRCU section
        } finally {
            miscSrcu.readUnlock(idx);
        }
    }

    /** misc_sync_release: find the context, restore f_op, drop the file's reference, then release. */
    private int syncRelease(Inode inode, File filp) {
        int minor = filp.inode().minor();
        Ctx ctx = null;
        int idx = miscSrcu.readLock();
        try {
            MiscDevice c = findLocked(minor);
            if (c != null) {
                ctx = ((CtxMiscDevice) c).syncCtx(); // still registered
            } else {
                List<Ctx> parked;
                synchronized (syncCtxList) {
                    parked = List.copyOf(syncCtxList);
                }
                for (Ctx iter : parked) {
                    if (iter.minor() == minor) {
                        ctx = iter;
                        break;
                    }
                }
                if (ctx == null) {
                    return -Errno.ENOENT; // pr_err("Cannot find miscdevice_sync_ctx")
                }
            }
        } finally {
            miscSrcu.readUnlock(idx);
        }
        filp.fop(ctx.orig); // so that the VFS's fops_put is of the driver's table
        Ctx last = ctx;
        ctx.kref.put(() -> ctxRelease(last));
        FileOperations f = filp.fop();
        if (f.release != null) {
            callThrough(f, "release");
            return f.release.release(inode, filp);
        }
        return 0;
    }
}
