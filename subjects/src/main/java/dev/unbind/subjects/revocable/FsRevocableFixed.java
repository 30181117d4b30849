package dev.unbind.subjects.revocable;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.Vma;
import dev.unbind.subjects.revocable.RevocableCore.Access;
import dev.unbind.subjects.revocable.RevocableCore.Consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import static dev.unbind.subjects.revocable.FsRevocable.AFTER_TRY_ACCESS;
import static dev.unbind.subjects.revocable.FsRevocable.REVS_KCALLOC;
import static dev.unbind.subjects.revocable.FsRevocable.RR_KZALLOC;
import static dev.unbind.subjects.revocable.FsRevocable.call;

/**
 * fs_revocable_replace corrected: a diff against {@link FsRevocable.V5} over the {@link
 * RevocableCore.Fixed} core. What changes:
 * <ol>
 *   <li>The context is published in f_rr only once complete; every error path frees what it
 *       took, revs[0] included; misc_open discards it when the driver's open fails.</li>
 *   <li>Every entry point is routed: open, read, write, poll, unlocked_ioctl, compat_ioctl, mmap,
 *       release; vm_ops use {@link #enter(File)} / {@link #exit(File, Section)}.</li>
 *   <li>The driver keeps no per-file copy of try_access's result: a wrapper only tests that every
 *       resource is there; the driver's pointers, set at open inside the section, stay valid for
 *       exactly as long as such a section lasts.</li>
 *   <li>Before the grace period the provider side tells the driver ({@code revoking}: wake
 *       sleepers), after it user mappings are zapped; the driver's release runs exactly once,
 *       after being told if the resources are gone.</li>
 *   <li>A poll of a revoked file reports EPOLLERR | EPOLLHUP, never an errno.</li>
 * </ol>
 */
final class FsRevocableFixed {
    /** fs_revocable_operations: the driver is told its resources are going (wake sleepers). */
    record Operations(Module owner, java.util.function.Consumer<File> revoking) {
    }

    /** The per-open context: lives until release (or discard), which detach it from the providers. */
    static final class Context {
        final Cell mem;
        final File filp;
        final Mutex lock;
        final Operations frops;
        private Cell revsMem;
        private Consumer<?>[] revs;
        private FileOperations origFops;
        private boolean opened;
        private boolean released;
        private boolean notified;

        Context(Kernel k, Cell mem, File filp, Operations frops) {
            this.mem = mem;
            this.filp = filp;
            this.frops = frops;
            this.lock = new Mutex(k, "fs_revocable_ctx.lock", mem);
        }

        Consumer<?>[] revs() {
            mem.touch("read ctx->revs");
            revsMem.touch("read ctx->revs[]");
            return revs;
        }

        FileOperations origFops() {
            mem.touch("read ctx->orig_fops");
            return origFops;
        }
    }

    /** One call's read sections over every provider of the file. */
    record Section(List<Access<?>> access, boolean present) {
    }

    private final Kernel k;
    private final RevocableCore.Fixed core;
    private final FsRevocable.FileSlot<Context> fRr = new FsRevocable.FileSlot<>();

    FsRevocableFixed(Kernel k, RevocableCore.Fixed core) {
        this.k = k;
        this.core = core;
    }

    /** fs_revocable_replace: 0 or -ENOMEM, with nothing left behind on failure. */
    int replace(File filp, Operations frops, RevocableMiscDevice.Rps rps, int numRps) {
        Cell mem = k.kzalloc(RR_KZALLOC, "fs_revocable_replacement");
        if (mem == null) {
            return -Errno.ENOMEM;
        }
        Context ctx = new Context(k, mem, filp, frops);
        ctx.revsMem = k.kzalloc(REVS_KCALLOC, "fs_revocable_revs");
        if (ctx.revsMem == null) {
            k.memory().free(mem, "fs_revocable_replace: kfree(ctx)");
            return -Errno.ENOMEM;
        }
        ctx.revs = new Consumer<?>[numRps];
        for (int i = 0; i < numRps; i++) {
            ctx.revs[i] = core.alloc(rps.get(i), listener(ctx));
            if (ctx.revs[i] == null) {
                for (int j = i - 1; j >= 0; j--) { // FIX: every handle taken so far, revs[0] included
                    core.free(ctx.revs[j]);
                }
                k.memory().free(ctx.revsMem, "fs_revocable_replace: kfree(ctx->revs)");
                k.memory().free(mem, "fs_revocable_replace: kfree(ctx)");
                return -Errno.ENOMEM;
            }
        }
        FileOperations orig = filp.fop();
        ctx.origFops = orig;
        ctx.opened = orig.open == null;
        FileOperations fops = orig.copy("fs_revocable(" + orig.name + ")");
        if (fops.open != null) { // FIX (D5): the driver's open runs inside the read section
            fops.open = this::open;
        }
        fops.release = this::release;
        if (fops.read != null) {
            fops.read = (f, count) -> guarded(f, "read", -Errno.ENODEV, o -> o.read.read(f, count));
        }
        if (fops.write != null) { // FIX (D3): every entry routed
            fops.write = (f, count) -> guarded(f, "write", -Errno.ENODEV, o -> o.write.write(f, count));
        }
        if (fops.poll != null) { // FIX: a mask, never an errno
            fops.poll = f -> (int) guarded(f, "poll", Errno.EPOLLERR | Errno.EPOLLHUP, o -> o.poll.poll(f));
        }
        if (fops.unlockedIoctl != null) {
            fops.unlockedIoctl = (f, cmd, arg) -> guarded(f, "unlocked_ioctl", -Errno.ENODEV,
                    o -> o.unlockedIoctl.ioctl(f, cmd, arg));
        }
        if (fops.compatIoctl != null) { // FIX (D3)
            fops.compatIoctl = (f, cmd, arg) -> guarded(f, "compat_ioctl", -Errno.ENODEV,
                    o -> o.compatIoctl.ioctl(f, cmd, arg));
        }
        if (fops.mmap != null) { // FIX (D3)
            fops.mmap = (f, v) -> (int) guarded(f, "mmap", -Errno.ENODEV, o -> o.mmap.mmap(f, v));
        }
        fRr.set(filp, ctx); // FIX (D1): published once complete
        filp.fop(fops);
        return 0;
    }

    /** The driver's open failed after the replacement: no release will come, so undo it here. */
    void discard(File filp) {
        Context ctx = fRr.get(filp);
        for (Consumer<?> rev : ctx.revs()) {
            core.free(rev);
        }
        filp.fop(ctx.origFops());
        fRr.set(filp, null);
        k.memory().free(ctx.revsMem, "fs_revocable_discard: kfree(ctx->revs)");
        k.memory().free(ctx.mem, "fs_revocable_discard: kfree(ctx)");
    }

    /** Enters the read section of every provider; {@code present} only if every resource is there. */
    Section enter(File filp) {
        Context ctx = fRr.get(filp);
        List<Access<?>> access = new ArrayList<>();
        boolean present = true;
        for (Consumer<?> rev : ctx.revs()) {
            Access<?> a = core.tryAccess(rev);
            access.add(a);
            present &= a.res() != null;
        }
        return new Section(access, present);
    }

    /** Leaves every section {@link #enter} entered, with each one's own index. */
    void exit(File filp, Section s) {
        Consumer<?>[] revs = fRr.get(filp).revs();
        for (int i = 0; i < revs.length; i++) {
            core.withdraw(revs[i], s.access().get(i));
        }
    }

    private long guarded(File filp, String op, long whenGone, ToLongFunction<FileOperations> body) {
        Section s = enter(filp);
        if (!s.present()) {
            exit(filp, s);
            return whenGone;
        }
        k.at(AFTER_TRY_ACCESS);
        FileOperations orig = fRr.get(filp).origFops();
        call(orig, op);
        long r = body.applyAsLong(orig);
        exit(filp, s);
        return r;
    }

    private int open(Inode inode, File filp) {
        Context ctx = fRr.get(filp);
        Section s = enter(filp);
        if (!s.present()) {
            exit(filp, s);
            return -Errno.ENODEV;
        }
        FileOperations orig = ctx.origFops();
        call(orig, "open");
        int rc = orig.open.open(inode, filp);
        if (rc == 0) {
            ctx.lock.lock();
            ctx.opened = true; // from here revoking() may reach the driver's file state
            ctx.lock.unlock();
        }
        exit(filp, s);
        return rc;
    }

    private int release(Inode inode, File filp) {
        Context ctx = fRr.get(filp);
        Section s = enter(filp);
        if (!s.present()) {
            revoking(ctx); // FIX: the driver's release learns the resources are gone before it runs
        }
        ctx.lock.lock();
        ctx.released = true;
        ctx.lock.unlock();
        FileOperations orig = ctx.origFops();
        int ret = 0;
        if (orig.release != null) { // FIX (INV-FR2): exactly once, revoked or not
            call(orig, "release");
            ret = orig.release.release(inode, filp);
        }
        exit(filp, s); // FIX: every section entered is left, with its own index
        for (Consumer<?> rev : ctx.revs()) {
            core.free(rev); // no listener call for this file after this
        }
        filp.fop(orig);
        fRr.set(filp, null);
        k.memory().free(ctx.revsMem, "fs_revocable_release: kfree(ctx->revs)");
        k.memory().free(ctx.mem, "fs_revocable_release: kfree(ctx)");
        return ret;
    }

    private RevocableCore.Listener listener(Context ctx) {
        return new RevocableCore.Listener() {
            @Override
            public void revoking() {
                FsRevocableFixed.this.revoking(ctx);
            }

            @Override
            public void revoked() {
                ctx.filp.mapping().unmapMappingRange(); // FIX: no PTE to the resource outlives the grace period
            }
        };
    }

    /** Tells the driver once, and only while its file state exists (after open, before release). */
    private void revoking(Context ctx) {
        ctx.lock.lock();
        try {
            if (ctx.opened && !ctx.released && !ctx.notified) {
                ctx.notified = true;
                if (ctx.frops.owner() != null) {
                    ctx.frops.owner().call("fs_revocable_operations.revoking");
                }
                ctx.frops.revoking().accept(ctx.filp);
            }
        } finally {
            ctx.lock.unlock();
        }
    }

    /** A fault handler's section (vm_ops are not file operations: the driver brackets them itself). */
    Section enter(Vma v) {
        return enter(v.file());
    }

    void exit(Vma v, Section s) {
        exit(v.file(), s);
    }
}
