package dev.unbind.kernel.fs;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Module;

/**
 * struct file_operations: a table of function pointers owned by a module. Fields are public and
 * mutable on purpose: kernel code copies such tables and replaces entries (fops wrappers), and
 * the model must be able to say exactly that. A null entry means the operation is absent.
 *
 * <p>A table is usually static (module rodata). A table built at run time inside a heap object
 * (a per-device copy of a driver's fops, a shim embedded in a refcounted context) says so with
 * {@link #home}: then the VFS's reads of the table through {@code f_op} (fops_get, fops_put, each
 * call through an entry) are accesses of that memory, and a table freed while a file still points
 * at it is a use-after-free.
 */
public final class FileOperations {
    /** open: 0 or -errno. */
    @FunctionalInterface
    public interface Open {
        int open(Inode inode, File file);
    }

    /** release: 0 or -errno (the VFS ignores the value). */
    @FunctionalInterface
    public interface Release {
        int release(Inode inode, File file);
    }

    /** read: bytes read, or -errno. */
    @FunctionalInterface
    public interface Read {
        long read(File file, long count);
    }

    /** write: bytes written, or -errno. */
    @FunctionalInterface
    public interface Write {
        long write(File file, long count);
    }

    /** poll: a poll mask (never an errno). */
    @FunctionalInterface
    public interface Poll {
        int poll(File file);
    }

    /** unlocked_ioctl / compat_ioctl: a result, or -errno. */
    @FunctionalInterface
    public interface Ioctl {
        long ioctl(File file, int cmd, long arg);
    }

    /** mmap: 0 or -errno; sets up the VMA. */
    @FunctionalInterface
    public interface Mmap {
        int mmap(File file, Vma vma);
    }

    /** A name for reports ({@code cros_ec_chardev_fops}). */
    public final String name;
    /** .owner: the module pinned by fops_get while a file uses this table; null = built-in. */
    public Module owner;
    public Open open;
    public Release release;
    public Read read;
    public Write write;
    public Poll poll;
    public Ioctl unlockedIoctl;
    public Ioctl compatIoctl;
    public Mmap mmap;
    /**
     * The memory the table lives in, or null for a static table. Final, so a static table's is
     * never a shared read (the model checkers see no new switch point in the VFS for it).
     */
    public final Cell home;

    /** A static table (module rodata). */
    public FileOperations(String name, Module owner) {
        this(name, owner, null);
    }

    /** A table built at run time inside the heap object {@code home}. */
    public FileOperations(String name, Module owner, Cell home) {
        this.name = name;
        this.owner = owner;
        this.home = home;
    }

    /** A memcpy of the table under a new name, as a static table. */
    public FileOperations copy(String newName) {
        return copy(newName, null);
    }

    /** A memcpy of the table under a new name, into the heap object {@code home}. */
    public FileOperations copy(String newName, Cell home) {
        FileOperations c = new FileOperations(newName, owner, home);
        c.open = open;
        c.release = release;
        c.read = read;
        c.write = write;
        c.poll = poll;
        c.unlockedIoctl = unlockedIoctl;
        c.compatIoctl = compatIoctl;
        c.mmap = mmap;
        return c;
    }

    /** A read of the table (an entry or {@code .owner}) through a pointer to it. */
    public void touch(String what) {
        if (home != null) {
            home.touch(what);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
