package dev.unbind.kernel.fs;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * struct file with its own reference count ({@code f_count}).
 *
 * <p>Rules:
 * <ol>
 *   <li>fds, dup, fork and every mmap hold a reference; every syscall holds one for its duration.</li>
 *   <li>The release fop runs exactly once, at the last {@link #put()}; then, as in __fput, the
 *       cdev reference is dropped (cdev_put: whatever its kobject release does, a parent put
 *       included, runs while the fops module is still pinned), then the fops module reference
 *       (fops_put), then the struct is freed. fops_put reads {@code f_op} again after release,
 *       as __fput does: a release may put the driver's own table back, and that is the table
 *       whose module reference is dropped.</li>
 *   <li>A file whose open failed never gets a release.</li>
 *   <li>{@code f_op} may be replaced while the file is open ({@link #replaceFops}); the table in
 *       place at the last put is the one released and put.</li>
 * </ol>
 */
public final class File {
    private final Kernel kernel;
    private final Inode inode;
    private final Cell mem;
    private final AtomicInteger count = new AtomicInteger(1);
    private final AtomicInteger releases = new AtomicInteger();
    private volatile FileOperations fop;
    private volatile Object privateData;
    private volatile boolean opened;
    private volatile Cdev cdev;
    private volatile AddressSpace mapping;

    File(Kernel kernel, Inode inode) {
        this.kernel = kernel;
        this.inode = inode;
        this.mem = kernel.memory().alloc("file", "alloc_empty_file");
        this.mapping = inode.mapping();
    }

    public Kernel kernel() {
        return kernel;
    }

    public Inode inode() {
        return inode;
    }

    public Cell mem() {
        return mem;
    }

    /** f_op. */
    public FileOperations fop() {
        mem.touch("read file->f_op");
        return fop;
    }

    /** Sets f_op without touching module references (the caller did fops_get). */
    public void fop(FileOperations f) {
        mem.touch("write file->f_op");
        fop = f;
    }

    /** replace_fops: drops the module reference of the old table, installs {@code f}. */
    public void replaceFops(FileOperations f) {
        FileOperations old = fop();
        Vfs.fopsPut(old);
        fop(f);
    }

    /** private_data. */
    @SuppressWarnings("unchecked")
    public <T> T privateData() {
        mem.touch("read file->private_data");
        return (T) privateData;
    }

    public void privateData(Object p) {
        mem.touch("write file->private_data");
        privateData = p;
    }

    /** f_mapping. */
    public AddressSpace mapping() {
        return mapping;
    }

    public void mapping(AddressSpace m) {
        mapping = m;
    }

    Cdev cdev() {
        return cdev;
    }

    void cdev(Cdev c) {
        cdev = c;
    }

    void opened() {
        opened = true;
    }

    public boolean isOpen() {
        return opened;
    }

    public int refs() {
        return Math.max(count.get(), 0);
    }

    /** How many times release ran (0 or 1 when the VFS is right). */
    public int releases() {
        return releases.get();
    }

    /** get_file: a new reference (dup, fork, mmap, a syscall in flight). */
    public File get() {
        mem.touch("get_file");
        count.incrementAndGet();
        return this;
    }

    /** fput: at the last reference the file is released and freed. */
    public void put() {
        mem.touch("fput");
        int now = count.decrementAndGet();
        if (now == 0) {
            finalPut();
        } else if (now < 0) {
            kernel.report(Kind.REFCOUNT, "fput on a file with no references", mem.name(),
                    List.of(Role.of("put by", kernel.self().site("fput"))), "");
        }
    }

    /** __fput. */
    private void finalPut() {
        FileOperations f = fop;
        if (opened) {
            if (releases.incrementAndGet() > 1) {
                kernel.report(Kind.DOUBLE_FREE, "file released twice", mem.name(),
                        List.of(Role.of("released by", kernel.self().site("__fput"))), "");
            }
            if (f != null && f.release != null) {
                Vfs.enter(f, "release");
                f.release.release(inode, this);
            }
        }
        Cdev c = cdev;
        if (c != null) {
            c.put(); // __fput: cdev_put first, while the fops' module is still pinned
        }
        Vfs.fopsPut(fop); // then fops_put(file->f_op), read after release
        kernel.memory().free(mem, "__fput: file_free");
    }

    /** A failed open: the file is discarded without release. */
    void discard() {
        Vfs.fopsPut(fop);
        fop = null;
        kernel.memory().free(mem, "failed open: fput of an unopened file");
    }

    @Override
    public String toString() {
        return mem.name() + " on " + inode;
    }
}
