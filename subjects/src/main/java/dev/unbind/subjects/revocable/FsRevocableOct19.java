package dev.unbind.subjects.revocable;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.subjects.revocable.RevocableCore.Consumer;
import dev.unbind.subjects.revocable.RevocableCore.Provider;

import static dev.unbind.subjects.revocable.FsRevocable.AFTER_TRY_ACCESS;
import static dev.unbind.subjects.revocable.FsRevocable.RR_KZALLOC;
import static dev.unbind.subjects.revocable.FsRevocable.call;

/**
 * The misc-only variant (2025-10-19): fs_revocable_replace(rp, filp) with the provider
 * misc_register allocated for the device, and REVOCABLE_TRY_ACCESS_WITH in the wrappers. The
 * post shows read and replace; poll, unlocked_ioctl and release are elided and modelled on
 * them (release on v5's: the driver's release only while the resource is there).
 */
final class FsRevocableOct19 {
    /** struct fs_revocable_replacement {rev, orig_fops, fops}. */
    static final class Replacement {
        final Cell mem;
        private final Consumer<RevocableMiscDevice> rev;
        private final FileOperations origFops;

        Replacement(Cell mem, Consumer<RevocableMiscDevice> rev, FileOperations origFops) {
            this.mem = mem;
            this.rev = rev;
            this.origFops = origFops;
        }

        Consumer<RevocableMiscDevice> rev() {
            mem.touch("read rr->rev");
            return rev;
        }

        FileOperations origFops() {
            mem.touch("read rr->orig_fops");
            return origFops;
        }
    }

    private final Kernel k;
    private final RevocableCore.AsPosted core;
    private final FsRevocable.FileSlot<Replacement> fRr = new FsRevocable.FileSlot<>();

    FsRevocableOct19(Kernel k, RevocableCore.AsPosted core) {
        this.k = k;
        this.core = core;
    }

    /** REVOCABLE_TRY_ACCESS_WITH(rr->rev, any) { if (!any) return gone; return body; }. */
    private long withAccess(File filp, String op, long gone, java.util.function.ToLongFunction<FileOperations> body) {
        Replacement rr = fRr.get(filp);
        Consumer<RevocableMiscDevice> rev = rr.rev();
        RevocableMiscDevice any = core.tryAccess(rev);
        if (any == null) {
            core.withdraw(rev);
            return gone;
        }
        k.at(AFTER_TRY_ACCESS);
        FileOperations orig = rr.origFops();
        call(orig, op);
        long r = body.applyAsLong(orig); // BUG (D6): the read section spans a read that sleeps for an event
        core.withdraw(rev);
        return r;
    }

    long read(File filp, long count) {
        return withAccess(filp, "read", -Errno.ENODEV, o -> o.read.read(filp, count));
    }

    int poll(File filp) {
        return (int) withAccess(filp, "poll", -Errno.ENODEV, o -> o.poll.poll(filp)); // BUG: -ENODEV as a poll mask
    }

    long unlockedIoctl(File filp, int cmd, long arg) {
        return withAccess(filp, "unlocked_ioctl", -Errno.ENODEV, o -> o.unlockedIoctl.ioctl(filp, cmd, arg));
    }

    int release(Inode inode, File filp) {
        Replacement rr = fRr.get(filp);
        FileOperations orig = rr.origFops();
        int ret = (int) withAccess(filp, "release", 0,
                o -> o.release == null ? 0 : o.release.release(inode, filp)); // BUG: revoked: the driver's release never runs
        filp.fop(orig);
        fRr.set(filp, null);
        core.free(rr.rev());
        k.memory().free(rr.mem, "fs_revocable_release: kfree(rr)");
        return ret;
    }

    /** fs_revocable_replace: 0 or -ENOMEM. */
    int replace(Provider<RevocableMiscDevice> rp, File filp) {
        Cell mem = k.kzalloc(RR_KZALLOC, "fs_revocable_replacement");
        if (mem == null) {
            return -Errno.ENOMEM;
        }
        Consumer<RevocableMiscDevice> rev = core.alloc(rp);
        if (rev == null) {
            k.memory().free(mem, "fs_revocable_replace: kfree(rr)");
            return -Errno.ENOMEM;
        }
        FileOperations orig = filp.fop();
        Replacement rr = new Replacement(mem, rev, orig);
        FileOperations fops = orig.copy("fs_revocable(" + orig.name + ")");
        fops.release = this::release;
        if (fops.read != null) {
            fops.read = this::read;
        }
        if (fops.poll != null) {
            fops.poll = this::poll;
        }
        if (fops.unlockedIoctl != null) {
            fops.unlockedIoctl = this::unlockedIoctl;
        } // BUG (D3): compat_ioctl, write, mmap keep the driver's raw functions
        fRr.set(filp, rr);
        filp.fop(fops);
        return 0;
    }
}
