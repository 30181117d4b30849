package dev.unbind.subjects.revocable;

import dev.unbind.kernel.IdentitySlots;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.subjects.revocable.RevocableCore.Consumer;

/**
 * fs/fs_revocable.c as posted, in its two versions: {@link V5} (PATCH v5 5/7, 2025-10-16:
 * providers chosen by the driver, a driver try_access callback, the replacement context in the
 * new {@code file->f_rr}) and {@link FsRevocableOct19} (the misc-only variant of 2025-10-19: one
 * provider, the misc device itself). Both copy the file's fops into a per-open allocation and wrap read,
 * poll and unlocked_ioctl; every other entry of the copy stays the driver's raw function.
 *
 * <p>The cleanup attribute of v5 ({@code __free(fs_revocable_replacement)}) runs at scope exit in
 * C, where an oops unwinds nothing: the model calls the withdraw on each return path, never in a
 * {@code finally}.
 */
final class FsRevocable {
    static final Point RR_KZALLOC = Point.fallible("revocable.fs.replace.kzalloc");
    static final Point REVS_KCALLOC = Point.fallible("revocable.fs.replace.kcalloc");
    /** A wrapper has its resources and is about to call the driver's entry. */
    static final Point AFTER_TRY_ACCESS = Point.window("revocable.fs.after-try-access", "remove", "unbind", "read",
            "poll", "ioctl").guarding("cros_ec_device|zzz_res*|zzz_supplier_data|revocable*|srcu *|run");

    private FsRevocable() {
    }

    /** struct file's new f_rr field (a table keyed by the file; each access reads the file). */
    static final class FileSlot<R> {
        private final IdentitySlots<File, R> slots = new IdentitySlots<>();

        R get(File f) {
            f.mem().touch("read file->f_rr");
            return slots.get(f);
        }

        void set(File f, R r) {
            f.mem().touch("write file->f_rr");
            slots.put(f, r);
        }
    }

    /** Entering a function of a driver's table: its module must still be there. */
    static void call(FileOperations f, String op) {
        if (f.owner != null) {
            f.owner.call(f.name + "." + op);
        }
    }

    /** PATCH v5: fs_revocable_replace(filp, frops, rps, num_rps). */
    static final class V5 {
        /** fs_revocable_operations.try_access(revs, num_revs, data): 0 or -errno, driver code. */
        interface TryAccess {
            int tryAccess(Consumer<?>[] revs, int numRevs, Object data);
        }

        /** struct fs_revocable_operations, in the driver's module. */
        record Operations(Module owner, TryAccess tryAccess) {
        }

        /** struct fs_revocable_replacement {frops, orig_fops, fops, revs, num_revs}. */
        static final class Replacement {
            final Cell mem;
            private Operations frops;
            private FileOperations origFops;
            private Cell revsMem;
            private Consumer<?>[] revs;
            private int numRevs;

            Replacement(Cell mem) {
                this.mem = mem;
            }

            Operations frops() {
                mem.touch("read rr->frops");
                return frops;
            }

            FileOperations origFops() {
                mem.touch("read rr->orig_fops");
                return origFops;
            }

            Consumer<?>[] revs() {
                mem.touch("read rr->revs");
                revsMem.touch("read rr->revs[]");
                return revs;
            }

            int numRevs() {
                mem.touch("read rr->num_revs");
                return numRevs;
            }
        }

        private final Kernel k;
        private final RevocableCore.AsPosted core;
        private final FileSlot<Replacement> fRr = new FileSlot<>();

        V5(Kernel k, RevocableCore.AsPosted core) {
            this.k = k;
            this.core = core;
        }

        /** fs_revocable_try_access. */
        private int tryAccess(File filp) {
            Replacement rr = fRr.get(filp);
            Operations ops = rr.frops();
            if (ops.owner() != null) {
                ops.owner().call("fs_revocable_operations.try_access");
            }
            return ops.tryAccess().tryAccess(rr.revs(), rr.numRevs(), filp.privateData());
        }

        /** fs_revocable_withdraw_access: every handle, whatever try_access returned. */
        private void withdraw(Replacement rr) {
            Consumer<?>[] revs = rr.revs();
            for (int i = 0; i < rr.numRevs(); ++i) {
                core.withdraw(revs[i]);
            }
        }

        long read(File filp, long count) {
            Replacement rr = fRr.get(filp); // __free: withdraw at scope exit
            int ret = tryAccess(filp);
            if (ret != 0) {
                withdraw(rr);
                return ret;
            }
            k.at(AFTER_TRY_ACCESS);
            FileOperations orig = rr.origFops();
            call(orig, "read");
            long r = orig.read.read(filp, count); // BUG (D6): the read section spans a read that sleeps for an event
            withdraw(rr);
            return r;
        }

        int poll(File filp) {
            Replacement rr = fRr.get(filp);
            int ret = tryAccess(filp);
            if (ret != 0) {
                withdraw(rr);
                return ret; // BUG: -ENODEV returned as a __poll_t mask
            }
            k.at(AFTER_TRY_ACCESS);
            FileOperations orig = rr.origFops();
            call(orig, "poll");
            int r = orig.poll.poll(filp);
            withdraw(rr);
            return r;
        }

        long unlockedIoctl(File filp, int cmd, long arg) {
            Replacement rr = fRr.get(filp);
            int ret = tryAccess(filp);
            if (ret != 0) {
                withdraw(rr);
                return ret;
            }
            k.at(AFTER_TRY_ACCESS);
            FileOperations orig = rr.origFops();
            call(orig, "unlocked_ioctl");
            long r = orig.unlockedIoctl.ioctl(filp, cmd, arg);
            withdraw(rr);
            return r;
        }

        /** fs_revocable_release: returns what try_access or the driver's release returned. */
        int release(Inode inode, File filp) {
            int ret = 0;
            Replacement rr = fRr.get(filp);
            FileOperations orig = rr.origFops();
            if (orig.release != null) {
                ret = tryAccess(filp);
                if (ret == 0) {
                    call(orig, "release");
                    ret = orig.release.release(inode, filp);
                    withdraw(rr);
                } // BUG: revoked: goto recover skips the driver's release (its file state leaks) and the
                  // withdraw of the read section try_access entered all the same
            }
            // recover:
            filp.fop(orig);
            fRr.set(filp, null);
            Consumer<?>[] revs = rr.revs();
            for (int i = 0; i < rr.numRevs(); ++i) {
                core.free(revs[i]);
            }
            k.memory().free(rr.revsMem, "fs_revocable_release: kfree(rr->revs)");
            k.memory().free(rr.mem, "fs_revocable_release: kfree(rr)");
            return ret;
        }

        /** fs_revocable_replace: 0 or -ENOMEM. */
        int replace(File filp, Operations frops, RevocableMiscDevice.Rps rps, int numRps) {
            Cell mem = k.kzalloc(RR_KZALLOC, "fs_revocable_replacement");
            if (mem == null) {
                return -Errno.ENOMEM;
            }
            Replacement rr = new Replacement(mem);
            fRr.set(filp, rr); // BUG (D1): published before the allocations below succeed; not reset on failure
            rr.frops = frops;
            rr.revsMem = k.kzalloc(REVS_KCALLOC, "fs_revocable_revs");
            if (rr.revsMem == null) {
                return freeRr(rr);
            }
            rr.revs = new Consumer<?>[numRps];
            int i;
            for (i = 0; i < numRps; ++i) {
                rr.revs[i] = core.alloc(rps.get(i));
                if (rr.revs[i] == null) {
                    return freeRevs(rr, i);
                }
            }
            rr.numRevs = numRps;
            FileOperations orig = filp.fop();
            rr.origFops = orig;
            FileOperations fops = orig.copy("fs_revocable(" + orig.name + ")"); // memcpy(&rr->fops, filp->f_op)
            fops.release = this::release;
            if (fops.read != null) {
                fops.read = this::read;
            }
            if (fops.poll != null) {
                fops.poll = this::poll;
            }
            if (fops.unlockedIoctl != null) {
                fops.unlockedIoctl = this::unlockedIoctl;
            } // BUG (D3): compat_ioctl, write, mmap... keep the driver's raw functions
            filp.fop(fops);
            return 0;
        }

        /** free_revs: then free_rr. */
        private int freeRevs(Replacement rr, int i) {
            if (i != 0) {
                while (--i != 0) { // BUG: stops before revs[0]: the first handle and its provider reference leak
                    core.free(rr.revs[i]);
                }
            }
            k.memory().free(rr.revsMem, "fs_revocable_replace: kfree(rr->revs)");
            return freeRr(rr);
        }

        /** free_rr: filp->f_rr keeps pointing at the freed rr. */
        private int freeRr(Replacement rr) {
            k.memory().free(rr.mem, "fs_revocable_replace: kfree(rr)");
            return -Errno.ENOMEM;
        }
    }
}
