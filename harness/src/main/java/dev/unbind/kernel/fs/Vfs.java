package dev.unbind.kernel.fs;

import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;

/**
 * The system-call side of the VFS for character devices: open (do_dentry_open → chrdev_open),
 * the fop dispatchers, close, dup, mmap, munmap, fork of a mapping, and user access to mapped
 * memory.
 *
 * <p>Rules:
 * <ol>
 *   <li>Every dispatch holds a file reference for the duration of the call (fdget), so a close
 *       racing an in-flight call defers release until the call returns.</li>
 *   <li>Calling through a table checks its owner module (a call into an unloaded module is a
 *       finding); an absent entry gives the VFS default (-EINVAL read/write, -ENOTTY ioctl,
 *       DEFAULT_POLLMASK poll, -ENODEV mmap).</li>
 *   <li>A failed open drops the fops reference and the cdev reference and never calls release.</li>
 *   <li>fops_get, fops_put and every call read the table {@code f_op} points at: for a table built
 *       inside a heap object ({@link FileOperations#home}) those reads are accesses of it, so
 *       __fput's fops_put after a release that freed the table is caught.</li>
 * </ol>
 */
public final class Vfs {
    private Vfs() {
    }

    // ------------------------------------------------------------ open / close

    /**
     * chrdev_open's choice of the file operations to install: the one line of chrdev_open that
     * patches to the cdev layer change ({@code fops = fops_get(p->ops)} in mainline). Returns the
     * table with its module reference taken, or null, which fails the open with -ENXIO.
     */
    @FunctionalInterface
    public interface ChrdevFops {
        FileOperations select(Cdev p);
    }

    /** Mainline chrdev_open: {@code fops_get(p->ops)}. */
    public static final ChrdevFops MAINLINE = p -> {
        FileOperations f = p.ops();
        return fopsGet(f) ? f : null;
    };

    /** open(2) by path: -ENOENT if the node does not exist (device_destroy removed it). */
    public static OpenResult openPath(Kernel k, DevFs devfs, CdevMap map, int devt) {
        return openPath(k, devfs, map, devt, MAINLINE);
    }

    /** open(2) by path through a chrdev_open whose choice of fops is {@code fops}. */
    public static OpenResult openPath(Kernel k, DevFs devfs, CdevMap map, int devt, ChrdevFops fops) {
        Inode inode = devfs.lookup(devt);
        if (inode == null) {
            return OpenResult.error(-Errno.ENOENT);
        }
        return open(k, inode, map, fops);
    }

    /**
     * open(2) of an inode, e.g. again through /proc/PID/fd/N: chrdev_open uses the cached
     * i_cdev if there is one, else looks the dev_t up.
     */
    public static OpenResult open(Kernel k, Inode inode, CdevMap map) {
        return open(k, inode, map, MAINLINE);
    }

    /** open(2) of an inode through a chrdev_open whose choice of fops is {@code select}. */
    public static OpenResult open(Kernel k, Inode inode, CdevMap map, ChrdevFops select) {
        File f = new File(k, inode);
        Cdev p = inode.cdev();
        if (p == null) {
            Cdev found = map.lookup(inode.devt());
            if (found == null) {
                f.discard();
                return OpenResult.error(-Errno.ENXIO);
            }
            p = found;
            found.bind(inode);
        } else if (!p.get()) {
            f.discard();
            return OpenResult.error(-Errno.ENXIO);
        }
        FileOperations fops = select.select(p);
        if (fops == null) {
            p.put();
            f.discard();
            return OpenResult.error(-Errno.ENXIO);
        }
        f.fop(fops);
        f.cdev(p);
        if (fops.open != null) {
            enter(fops, "open");
            int rc = fops.open.open(inode, f);
            if (rc != 0) {
                f.cdev(null);
                p.put();
                f.discard();
                return OpenResult.error(rc);
            }
        }
        f.opened();
        return OpenResult.ok(f);
    }

    /** close(2) of one fd. */
    public static void close(File f) {
        f.put();
    }

    /** dup(2): another fd on the same file. */
    public static File dup(File f) {
        return f.get();
    }

    // ------------------------------------------------------------ dispatch

    public static long read(File f, long count) {
        f.get();
        try {
            FileOperations fop = f.fop();
            if (fop == null || fop.read == null) {
                return -Errno.EINVAL;
            }
            enter(fop, "read");
            return fop.read.read(f, count);
        } finally {
            f.put();
        }
    }

    public static long write(File f, long count) {
        f.get();
        try {
            FileOperations fop = f.fop();
            if (fop == null || fop.write == null) {
                return -Errno.EINVAL;
            }
            enter(fop, "write");
            return fop.write.write(f, count);
        } finally {
            f.put();
        }
    }

    public static int poll(File f) {
        f.get();
        try {
            FileOperations fop = f.fop();
            if (fop == null || fop.poll == null) {
                return Errno.DEFAULT_POLLMASK;
            }
            enter(fop, "poll");
            return fop.poll.poll(f);
        } finally {
            f.put();
        }
    }

    public static long ioctl(File f, int cmd, long arg) {
        f.get();
        try {
            FileOperations fop = f.fop();
            if (fop == null || fop.unlockedIoctl == null) {
                return -Errno.ENOTTY;
            }
            enter(fop, "unlocked_ioctl");
            return fop.unlockedIoctl.ioctl(f, cmd, arg);
        } finally {
            f.put();
        }
    }

    /** The ioctl of a 32-bit process on a 64-bit kernel. */
    public static long compatIoctl(File f, int cmd, long arg) {
        f.get();
        try {
            FileOperations fop = f.fop();
            if (fop == null || fop.compatIoctl == null) {
                return -Errno.ENOTTY;
            }
            enter(fop, "compat_ioctl");
            return fop.compatIoctl.ioctl(f, cmd, arg);
        } finally {
            f.put();
        }
    }

    // ------------------------------------------------------------ mappings

    /** The outcome of mmap(2). */
    public record Mapped(Vma vma, int rc) {
        public boolean ok() {
            return vma != null;
        }
    }

    /** mmap(2) at offset 0: the VMA holds a file reference until munmap. */
    public static Mapped mmap(File f) {
        return mmap(f, 0);
    }

    /** mmap(2) at page offset {@code pgoff} (the VMA's vm_pgoff); a failed mmap calls no vm_ops. */
    public static Mapped mmap(File f, long pgoff) {
        FileOperations fop = f.fop();
        if (fop == null || fop.mmap == null) {
            return new Mapped(null, -Errno.ENODEV);
        }
        f.get();
        Vma v = new Vma(f, pgoff);
        enter(fop, "mmap");
        int rc = fop.mmap.mmap(f, v);
        if (rc != 0) {
            f.put();
            return new Mapped(null, rc);
        }
        f.mapping().add(v);
        return new Mapped(v, 0);
    }

    /** A VMA duplicated by fork: vm_ops->open on the copy, another file reference. */
    public static Vma fork(Vma v) {
        Vma copy = new Vma(v.file().get(), v.pgoff());
        copy.vmOps(v.vmOps());
        copy.privateData(v.privateData());
        if (v.pfnTarget() != null) {
            copy.remapPfn(v.pfnTarget());
        }
        VmOperations ops = v.vmOps();
        if (ops != null && ops.open != null) {
            call(ops, "open");
            ops.open.open(copy);
        }
        v.file().mapping().add(copy);
        return copy;
    }

    /** munmap(2) (or process exit): vm_ops->close, then the file reference. */
    public static void munmap(Vma v) {
        if (v.unmapped()) {
            throw new IllegalStateException("munmap of an unmapped VMA");
        }
        v.markUnmapped();
        v.file().mapping().remove(v);
        VmOperations ops = v.vmOps();
        if (ops != null && ops.close != null) {
            call(ops, "close");
            ops.close.close(v);
        }
        v.file().put();
    }

    /**
     * The user touches page {@code pgoff} of the mapping: a present PTE reaches the memory
     * directly; otherwise the fault handler runs. Returns 0 or a VM_FAULT code (SIGBUS).
     */
    public static int access(Vma v, long pgoff) {
        if (v.accessThroughPte(pgoff)) {
            return 0;
        }
        VmOperations ops = v.vmOps();
        if (ops == null || ops.fault == null) {
            return Vma.VM_FAULT_SIGBUS;
        }
        call(ops, "fault");
        return ops.fault.fault(v, pgoff);
    }

    // ------------------------------------------------------------ module references

    /** fops_get: pins the owner; false if it is going away. Reads {@code f->owner}. */
    public static boolean fopsGet(FileOperations f) {
        if (f == null) {
            return false;
        }
        f.touch("fops_get: read " + f.name + ".owner");
        return f.owner == null || f.owner.tryGet();
    }

    /** fops_put. Reads {@code f->owner}, so a table freed before the last fops_put is a use-after-free. */
    public static void fopsPut(FileOperations f) {
        if (f == null) {
            return;
        }
        f.touch("fops_put: read " + f.name + ".owner");
        if (f.owner != null) {
            f.owner.put();
        }
    }

    /** A call through entry {@code op} of {@code f}: reads the table, checks the owner module. */
    static void enter(FileOperations f, String op) {
        f.touch("read " + f.name + "." + op);
        if (f.owner != null) {
            f.owner.call(f.name + "." + op);
        }
    }

    private static void call(VmOperations ops, String op) {
        if (ops.owner != null) {
            ops.owner.call(ops.name + "." + op);
        }
    }
}
