package dev.unbind.kernel.fs;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Kref;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.device.Device;

import java.util.ArrayList;
import java.util.List;

/**
 * struct cdev (fs/char_dev.c).
 *
 * <p>Rules:
 * <ol>
 *   <li>A cdev lives in {@code home}: embedded in a driver struct ({@link #init}) or allocated on
 *       its own ({@link #alloc}, freed by the kobject release).</li>
 *   <li>Every open file holds a cdev reference: {@link #get()} is cdev_get (the owner module and
 *       the kobject, unless it is already zero), {@link #put()} is cdev_put.</li>
 *   <li>{@link #setParent(Device)} (cdev_set_parent, or cdev_device_add) makes the cdev pin the
 *       parent device: the memory embedding both then lives until the last file closes. Without
 *       it nothing ties the embedding memory to open files.</li>
 *   <li>cdev_del removes the map entry and drops the initial reference; open files keep working
 *       and their fops stay callable.</li>
 * </ol>
 */
public final class Cdev {
    private final Kernel kernel;
    private final String name;
    private final Cell home;
    private volatile Kref kobj;
    private volatile boolean dynamic;
    private final List<Inode> inodes = new ArrayList<>();
    private volatile Module owner;
    private volatile FileOperations ops;
    private volatile Device parent;
    private volatile boolean parentPinned;

    private Cdev(Kernel kernel, String name, Cell home, boolean dynamic, FileOperations ops) {
        this.kernel = kernel;
        this.name = name;
        this.home = home;
        this.dynamic = dynamic;
        this.ops = ops;
        this.owner = ops == null ? null : ops.owner;
        this.kobj = new Kref(kernel, name + ".kobj", home);
    }

    /** cdev_init: a cdev embedded in {@code home} (memset, then ops). */
    public static Cdev init(Kernel k, String name, Cell home, FileOperations ops) {
        return new Cdev(k, name, home, false, ops);
    }

    /** cdev_alloc: a cdev in its own allocation, freed at the last reference. */
    public static Cdev alloc(Kernel k, String name, FileOperations ops) {
        Cell mem = k.memory().alloc("cdev", "cdev_alloc(" + name + ")");
        return new Cdev(k, name, mem, true, ops);
    }

    /**
     * cdev_init on a cdev that was already set up, before cdev_add: the memset forgets the
     * parent, the owner, the ops and the bound inodes, and kobject_init gives it the default
     * ktype, whose release does not free the memory. A cdev_alloc'd cdev passed through it is
     * therefore never freed.
     */
    public void reinit(FileOperations newOps) {
        touch("cdev_init: memset(cdev, 0)");
        synchronized (inodes) {
            inodes.clear();
        }
        parent = null;
        parentPinned = false;
        owner = null;
        ops = newOps;
        dynamic = false;
        kobj = new Kref(kernel, name + ".kobj", home);
    }

    /** cdev_set_parent. */
    public void setParent(Device parent) {
        touch("cdev_set_parent");
        this.parent = parent;
    }

    /** cdev.owner (THIS_MODULE of the code that registers it). */
    public void owner(Module m) {
        owner = m;
    }

    public Module owner() {
        return owner;
    }

    public FileOperations ops() {
        touch("read cdev->ops");
        return ops;
    }

    public void ops(FileOperations f) {
        touch("write cdev->ops");
        ops = f;
    }

    public Cell home() {
        return home;
    }

    public String name() {
        return name;
    }

    /** Called by cdev_add: the parent kobject reference. */
    void pinParent() {
        Device p = parent;
        if (p != null) {
            p.get();
            parentPinned = true;
        }
    }

    /** cdev_get: null owner means built-in. */
    public boolean get() {
        Module m = owner;
        if (m != null && !m.tryGet()) {
            return false;
        }
        if (!kobj.getUnlessZero()) {
            if (m != null) {
                m.put();
            }
            return false;
        }
        return true;
    }

    /** cdev_put. */
    public void put() {
        Module m = owner;
        kobj.put(this::release);
        if (m != null) {
            m.put();
        }
    }

    /** kobject_put of the initial reference (cdev_del's half). */
    void putInitial() {
        kobj.put(this::release);
    }

    /**
     * kobject_put(&cdev->kobj) by its owner: drops the initial reference of a cdev that was never
     * added (a failed cdev_add); a cdev_alloc'd one is freed.
     */
    public void kobjectPut() {
        putInitial();
    }

    void bind(Inode inode) {
        synchronized (inodes) {
            inodes.add(inode);
        }
        inode.cdev(this);
    }

    /** cdev_default_release / cdev_dynamic_release. */
    private void release() {
        List<Inode> bound;
        synchronized (inodes) {
            bound = List.copyOf(inodes);
            inodes.clear();
        }
        for (Inode i : bound) {
            i.cdev(null); // cdev_purge
        }
        Device p = parent;
        if (p != null && parentPinned) {
            p.put();
        }
        if (dynamic) {
            kernel.memory().free(home, "cdev_dynamic_release: kfree(" + name + ")");
        }
    }

    public int refs() {
        return kobj.read();
    }

    private void touch(String what) {
        if (home != null) {
            home.touch(what);
        }
    }

    @Override
    public String toString() {
        return "cdev " + name;
    }
}
