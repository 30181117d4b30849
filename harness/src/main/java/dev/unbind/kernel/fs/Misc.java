package dev.unbind.kernel.fs;

import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;

import java.util.ArrayList;
import java.util.List;

/**
 * The misc character-device core (drivers/char/misc.c) as mainline has it: one char major for all
 * misc devices, a global list under {@code misc_mtx}, dynamic minors reused lowest first.
 * The building blocks are public so that variants of misc.c can be written from them.
 *
 * <p>Rules:
 * <ol>
 *   <li>misc_open runs under misc_mtx: the device is found by minor on the list, its fops are
 *       pinned (fops_get) and installed, then the driver's open runs, still under the mutex.</li>
 *   <li>After open the file calls the driver's fops directly: nothing in this core stands between
 *       an open file and the driver.</li>
 *   <li>misc_deregister unlinks, destroys the node and frees the minor; it does not wait for, or
 *       affect, open files.</li>
 *   <li>Walking the list reads every entry's memory: walk only under misc_mtx (or a scheme that
 *       keeps entries alive).</li>
 * </ol>
 */
public class Misc {
    public static final int MISC_MAJOR = 10;
    public static final int DYNAMIC_MINOR = 255;
    private static final int FIRST_DYNAMIC = 64;
    private static final int DYNAMIC_MINORS = 64;

    /** ida allocation of a dynamic minor (ENOMEM, or exhausted). */
    public static final Point MINOR_ALLOC = Point.fallible("kernel.misc_register.minor_alloc");
    /** device_create of the class device and node. */
    public static final Point DEVICE_CREATE = Point.fallible("kernel.misc_register.device_create");
    /** misc_open has found the device and is about to pin its fops. */
    public static final Point OPEN_FOUND = Point.window("kernel.misc_open.found", "remove")
            .guarding("miscdevice|module *");
    /** One step of a walk of misc_list. */
    public static final Point LIST_WALK = Point.window("kernel.misc_list.walk", "remove", "probe")
            .guarding("miscdevice");

    protected final Kernel kernel;
    protected final Mutex miscMtx;
    protected final List<MiscDevice> miscList = new ArrayList<>();
    protected final MinorAllocator minors;
    protected final CdevMap map;
    protected final DevFs devfs;
    protected final FileOperations miscFops;

    public Misc(Kernel kernel, CdevMap map, DevFs devfs) {
        this.kernel = kernel;
        this.map = map;
        this.devfs = devfs;
        this.miscMtx = new Mutex(kernel, "misc_mtx");
        this.minors = new MinorAllocator(kernel, "misc_minors", FIRST_DYNAMIC, DYNAMIC_MINORS);
        this.miscFops = new FileOperations("misc_fops", null);
        this.miscFops.open = this::open;
        // register_chrdev(MISC_MAJOR, "misc", &misc_fops): one built-in cdev for every misc minor
        map.registerChrdev(Cdev.init(kernel, "misc", kernel.memory().global("misc_cdev"), miscFops),
                Inode.mkdev(MISC_MAJOR, 0), 256);
    }

    /** misc_register: 0, -EBUSY (minor taken/exhausted), or the device_create error. */
    public int register(MiscDevice misc) {
        boolean dynamic = misc.minor() == DYNAMIC_MINOR;
        miscMtx.lock();
        try {
            if (dynamic) {
                int i = allocMinor();
                if (i < 0) {
                    return -Errno.EBUSY;
                }
                misc.minor(i);
            } else if (findLocked(misc.minor()) != null || !minors.allocFixed(misc.minor())) {
                return -Errno.EBUSY;
            }
            int rc = deviceCreate(misc);
            if (rc != 0) {
                minors.free(misc.minor());
                if (dynamic) {
                    misc.minor(DYNAMIC_MINOR);
                }
                return rc;
            }
            listAdd(misc);
            return 0;
        } finally {
            miscMtx.unlock();
        }
    }

    /** misc_deregister: unlink, destroy the node, free the minor. Open files are untouched. */
    public void deregister(MiscDevice misc) {
        miscMtx.lock();
        try {
            listDel(misc);
            deviceDestroy(misc);
            minors.free(misc.minor());
        } finally {
            miscMtx.unlock();
        }
    }

    /** misc_open (misc_fops.open). */
    public int open(Inode inode, File file) {
        int minor = inode.minor();
        miscMtx.lock();
        try {
            MiscDevice c = findLocked(minor);
            if (c == null) {
                return -Errno.ENODEV;
            }
            kernel.at(OPEN_FOUND);
            FileOperations newFops = c.fops();
            if (!Vfs.fopsGet(newFops)) {
                return -Errno.ENODEV;
            }
            file.privateData(c);
            file.replaceFops(newFops);
            FileOperations f = file.fop();
            if (f.open != null) {
                Vfs.enter(f, "open");
                return f.open.open(inode, file);
            }
            return 0;
        } finally {
            miscMtx.unlock();
        }
    }

    /** open(2) of /dev/&lt;minor&gt;. */
    public OpenResult openMinor(int minor) {
        return Vfs.openPath(kernel, devfs, map, Inode.mkdev(MISC_MAJOR, minor));
    }

    // ------------------------------------------------------------ building blocks

    /** The misc_mtx. */
    public Mutex mutex() {
        return miscMtx;
    }

    /** A walk of misc_list for {@code minor}; every entry visited is read. Locking is the caller's. */
    public MiscDevice findLocked(int minor) {
        List<MiscDevice> snapshot;
        synchronized (miscList) {
            snapshot = List.copyOf(miscList);
        }
        for (MiscDevice c : snapshot) {
            kernel.at(LIST_WALK);
            if (c.minor() == minor) {
                return c;
            }
        }
        return null;
    }

    /** list_add to misc_list. */
    public void listAdd(MiscDevice m) {
        m.home().touch("list_add(misc_list)");
        synchronized (miscList) {
            miscList.add(0, m);
        }
    }

    /** list_del_init from misc_list. */
    public void listDel(MiscDevice m) {
        m.home().touch("list_del_init(misc_list)");
        synchronized (miscList) {
            miscList.remove(m);
        }
    }

    /** A dynamic minor, or -1. */
    public int allocMinor() {
        if (kernel.fails(MINOR_ALLOC)) {
            return -1;
        }
        return minors.alloc();
    }

    public MinorAllocator minors() {
        return minors;
    }

    /** device_create: the class device and the /dev node; 0 or -ENOMEM. */
    public int deviceCreate(MiscDevice misc) {
        if (kernel.fails(DEVICE_CREATE)) {
            return -Errno.ENOMEM;
        }
        Device d = new Device(kernel, misc.name(), kernel.memory().alloc("device", "device_create(" + misc.name() + ")"),
                misc.parent());
        d.initialize(() -> kernel.memory().free(d.home(), "device_release: kfree(" + misc.name() + ")"));
        d.add();
        misc.thisDevice(d);
        devfs.create(Inode.mkdev(MISC_MAJOR, misc.minor()));
        return 0;
    }

    /** device_destroy. */
    public void deviceDestroy(MiscDevice misc) {
        devfs.remove(Inode.mkdev(MISC_MAJOR, misc.minor()));
        Device d = misc.thisDevice();
        if (d != null) {
            d.unregister();
        }
    }

    public DevFs devfs() {
        return devfs;
    }

    public CdevMap map() {
        return map;
    }
}
