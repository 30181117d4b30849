package dev.unbind.subjects.drm;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.Srcu;
import dev.unbind.kernel.Workqueue;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.Cdev;
import dev.unbind.kernel.fs.CdevMap;
import dev.unbind.kernel.fs.DevFs;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.MinorAllocator;
import dev.unbind.kernel.fs.Vfs;

import java.util.HashMap;
import java.util.Map;

/**
 * The DRM core as mainline has it, the part no variant changes: devm_drm_dev_alloc and
 * drm_dev_init (drm_drv.c), drm_dev_register / unregister / unplug, drm_dev_enter / exit, the
 * minor lookup and drm_stub_open / drm_open / drm_release (drm_file.c), drm_ioctl's unplugged
 * hint, the drmres release at the last drm_dev_put (drm_managed.c), and the atomic commit path
 * with its nonblocking commit work (drm_atomic_helper.c).
 *
 * <p>One per kernel: {@code drm_unplug_srcu} is a single static SRCU for every DRM device.
 */
@dev.unbind.code.Core
final class DrmCore {
    static final int DRM_MAJOR = 226;
    /** Commit dependencies time out after 10 s (they only log, then go on). */
    static final long COMMIT_TIMEOUT_MS = 10_000;

    static final Point KZALLOC_CONTAINER = Point.fallible("drm.core.devm_drm_dev_alloc.kzalloc");
    static final Point INIT_RELEASE_ACTION = Point.fallible("drm.core.drm_dev_init.drmm_add_action");
    static final Point MINOR_ALLOC = Point.fallible("drm.core.drm_dev_init.minor_alloc");
    static final Point DEVM_PUT_ACTION = Point.fallible("drm.core.devm_drm_dev_init.devm_add_action");
    static final Point MINOR_DEVICE_ADD = Point.fallible("drm.core.drm_minor_register.device_add");
    static final Point MINOR_VISIBLE = Point.window("drm.core.drm_minor_register.visible", "open")
            .guarding("drm_minor|drm_device");
    static final Point MODESET_REGISTER = Point.fallible("drm.core.drm_dev_register.modeset_register_all");
    static final Point MINOR_ACQUIRED = Point.window("drm.core.drm_stub_open.minor-acquired", "remove")
            .guarding("drm_minor|drm_device|module *");
    static final Point FILE_ALLOC = Point.fallible("drm.core.drm_open.drm_file_alloc");
    static final Point IOCTL_AFTER_UNPLUGGED_CHECK =
            Point.window("drm.core.drm_ioctl.after-unplugged-check", "remove").guarding("mmio|clk|drm_*");
    static final Point UNPLUGGED_SET = Point.step("drm.core.drm_dev_unplug.unplugged-set");
    static final Point UNREGISTERED = Point.step("drm.core.drm_dev_unregister.done");
    static final Point STATE_ALLOC = Point.fallible("drm.core.drm_atomic_state_alloc");
    static final Point COMMIT_QUEUED = Point.window("drm.core.atomic_commit.queued", "remove")
            .guarding("drm_atomic_state|drm_plane|fence no commit work*");
    static final Point TAIL_BEGIN = Point.window("drm.core.commit_tail.begin", "remove")
            .guarding("mmio|clk|drm_*|crtc_scanout|fence no commit work*");
    static final Point TAIL_CLEANUP = Point.window("drm.core.commit_tail.cleanup_planes", "remove")
            .guarding("clk|mmio|drm_*");
    static final Point MANAGED_RELEASE = Point.window("drm.core.drm_dev_release.managed-release", "rmmod")
            .guarding("module *|drm_*");

    final Kernel k;
    /** drm_unplug_srcu: one grace period domain for all DRM devices. */
    final Srcu unplugSrcu;
    final Workqueue unboundWq;
    final CdevMap map;
    final DevFs devfs = new DevFs();
    /** drm_minors_xa and its lock: minor index to device, NULL until registered. */
    private final Mutex xaLock;
    private final Map<Integer, DrmDevice> minors = new HashMap<>();
    private final MinorAllocator minorIds;

    DrmCore(Kernel k) {
        this.k = k;
        this.unplugSrcu = new Srcu(k, "drm_unplug_srcu", null);
        this.unboundWq = new Workqueue(k, "system_unbound_wq");
        this.xaLock = new Mutex(k, "drm_minors_xa");
        this.map = new CdevMap(k);
        this.minorIds = new MinorAllocator(k, "drm_minors", 0, 64);
        FileOperations stub = new FileOperations("drm_stub_fops", null);
        stub.open = this::stubOpen;
        map.registerChrdev(Cdev.init(k, "drm", k.memory().global("drm_cdev"), stub), Inode.mkdev(DRM_MAJOR, 0), 256);
    }

    // ------------------------------------------------------------------ drm_drv.c

    /** devm_drm_dev_alloc: 0 with the device in {@code out[0]}, or -errno. */
    int devmDrmDevAlloc(Device parent, DisplayDriver driver, DrmDevice[] out) {
        Cell container = k.kzalloc(KZALLOC_CONTAINER, "ingenic_drm");
        if (container == null) {
            return -Errno.ENOMEM;
        }
        DrmDevice d = new DrmDevice(k, container, parent, driver);
        int rc = drmDevInit(d);
        if (rc == 0) {
            // devm_add_action_or_reset(parent, devm_drm_dev_init_release): on failure drm_dev_put now
            rc = parent.devres().addOrReset(DEVM_PUT_ACTION, Callback.builtin("devm_drm_dev_init_release", () -> drmDevPut(d)));
        }
        if (rc != 0) {
            k.memory().free(container, "__devm_drm_dev_alloc: kfree(container)");
            return rc;
        }
        d.managed.finalKfree(container); // drmm_add_final_kfree
        out[0] = d;
        return 0;
    }

    private int drmDevInit(DrmDevice d) {
        d.parent.get(); // dev->dev = get_device(parent)
        int rc = d.managed.addOrReset(INIT_RELEASE_ACTION,
                Callback.builtin("drm_dev_init_release", () -> d.parent.put()));
        if (rc != 0) {
            return rc;
        }
        int id = k.fails(MINOR_ALLOC) ? -1 : minorIds.alloc();
        if (id < 0) {
            d.managed.releaseAll(); // err: drm_managed_release
            return -Errno.ENOMEM;
        }
        d.minor = id;
        d.managed.add(Callback.builtin("drm_minor_alloc_release", () -> minorIds.free(id)));
        return 0;
    }

    /** drm_dev_register: 0 or -errno, with the minors unregistered again on failure. */
    int drmDevRegister(DrmDevice d) {
        int rc = minorRegister(d);
        if (rc != 0) {
            minorUnregister(d);
            return rc;
        }
        d.registered(true);
        if (k.fails(MODESET_REGISTER)) {
            minorUnregister(d); // err_minors (dev->registered stays true, as mainline leaves it)
            return -Errno.ENOMEM;
        }
        return 0;
    }

    private int minorRegister(DrmDevice d) {
        if (k.fails(MINOR_DEVICE_ADD)) {
            return -Errno.ENOMEM;
        }
        devfs.create(Inode.mkdev(DRM_MAJOR, d.minor)); // device_add: the node appears
        xaLock.lock();
        minors.put(d.minor, d); // xa_store: lookups succeed from here on
        xaLock.unlock();
        k.at(MINOR_VISIBLE);
        return 0;
    }

    private void minorUnregister(DrmDevice d) {
        xaLock.lock();
        boolean registered = minors.remove(d.minor) != null; // xa_store(NULL): lookups fail from here on
        xaLock.unlock();
        if (registered) {
            devfs.remove(Inode.mkdev(DRM_MAJOR, d.minor)); // device_del
        }
    }

    /** drm_dev_unregister: no new opens; open fds keep working. */
    void drmDevUnregister(DrmDevice d) {
        d.registered(false);
        minorUnregister(d);
        k.at(UNREGISTERED);
    }

    /** drm_dev_unplug: unplugged, wait for every drm_dev_enter section, unregister, zap mappings. */
    void drmDevUnplug(DrmDevice d) {
        d.unplugged(true);
        k.at(UNPLUGGED_SET);
        unplugSrcu.synchronize();
        drmDevUnregister(d);
        d.anonMapping.unmapMappingRange();
    }

    /** drm_dev_enter: the SRCU index {@link #drmDevExit} takes, or -1 once the device is unplugged. */
    int drmDevEnter(DrmDevice d) {
        int idx = unplugSrcu.readLock();
        if (d.unplugged()) {
            unplugSrcu.readUnlock(idx);
            return -1;
        }
        return idx;
    }

    void drmDevExit(int idx) {
        unplugSrcu.readUnlock(idx);
    }

    void drmDevGet(DrmDevice d) {
        d.ref.get();
    }

    /** drm_dev_put: the last one runs drm_dev_release (drmres LIFO, then the container). */
    void drmDevPut(DrmDevice d) {
        d.ref.put(() -> {
            k.at(MANAGED_RELEASE);
            d.managed.releaseAll();
        });
    }

    // ------------------------------------------------------------------ drm_file.c

    /** drm_minor_acquire: the device with a reference, or null (-ENODEV). */
    private DrmDevice minorAcquire(int minor) {
        xaLock.lock();
        DrmDevice d = minors.get(minor);
        if (d != null) {
            drmDevGet(d);
        }
        xaLock.unlock();
        if (d == null) {
            return null;
        }
        if (d.unplugged()) {
            drmDevPut(d);
            return null;
        }
        return d;
    }

    /** drm_stub_open: find the minor, switch to the driver's fops (pinning its module), open. */
    int stubOpen(Inode inode, File f) {
        DrmDevice d = minorAcquire(inode.minor());
        if (d == null) {
            return -Errno.ENODEV;
        }
        k.at(MINOR_ACQUIRED);
        int rc;
        FileOperations fops = d.driver.fops;
        if (!Vfs.fopsGet(fops)) {
            rc = -Errno.ENODEV;
        } else {
            f.replaceFops(fops);
            rc = fops.open.open(inode, f);
        }
        drmDevPut(d); // drm_minor_release
        return rc;
    }

    /** drm_open: a second minor reference, kept for the file's lifetime. */
    int drmOpen(Inode inode, File f) {
        DrmDevice d = minorAcquire(inode.minor());
        if (d == null) {
            return -Errno.ENODEV;
        }
        f.mapping(d.anonMapping);
        Cell priv = k.kzalloc(FILE_ALLOC, "drm_file");
        if (priv == null) {
            drmDevPut(d);
            return -Errno.ENOMEM;
        }
        f.privateData(new DrmFile(priv, d));
        return 0;
    }

    /** drm_release. */
    int drmRelease(Inode inode, File f) {
        DrmFile fp = f.privateData();
        DrmDevice d = fp.dev();
        k.memory().free(fp.mem(), "drm_file_free");
        drmDevPut(d);
        return 0;
    }

    /** drm_ioctl: the unplugged test is a hint taken without any lock, then the handler runs. */
    long drmIoctl(File f, Drm.Ioctl cmd) {
        DrmFile fp = f.privateData();
        fp.mem().touch("read drm_file->minor->dev");
        DrmDevice d = fp.dev();
        if (d.unplugged()) {
            return -Errno.ENODEV;
        }
        k.at(IOCTL_AFTER_UNPLUGGED_CHECK);
        return d.driver.ioctl(d, cmd);
    }

    // ------------------------------------------------------------------ drm_atomic_helper.c

    /** drm_atomic_commit / drm_atomic_nonblocking_commit through the helpers. */
    int atomicCommit(DrmDevice d, boolean nonblock, boolean disable) {
        Cell state = k.kzalloc(STATE_ALLOC, "drm_atomic_state");
        if (state == null) {
            return -Errno.ENOMEM;
        }
        drmDevGet(d); // the state holds the device: it may be committed asynchronously
        Commit prev = d.lastCommit;
        if (nonblock && prev != null && !prev.flipDone.isDone()) {
            releaseState(d, state); // stall_checks: a nonblocking commit does not queue behind one in flight
            return -Errno.EBUSY;
        }
        Commit c = new Commit(k, state, disable, prev);
        d.lastCommit = c; // swap_state
        if (nonblock) {
            Workqueue.Work w = unboundWq.work("commit", new Callback(d.driver.owner(), "commit_work", () -> {
                try (var inside = d.commitWorkAfterRemove.enter("commit_work")) {
                    commitTail(d, c);
                }
            }));
            d.driver.commitQueued(d, w);
            unboundWq.queue(w);
            k.at(COMMIT_QUEUED);
            return 0;
        }
        commitTail(d, c);
        return 0;
    }

    /** commit_tail with the helpers around the driver's hooks. */
    void commitTail(DrmDevice d, Commit c) {
        k.at(TAIL_BEGIN);
        Commit prev = c.previous; // wait_for_dependencies: each wait gives up after 10 s and only logs
        if (prev != null && prev.hwDone.waitTimeout(COMMIT_TIMEOUT_MS) == 0) {
            k.reportStall("[CRTC:33:crtc-0] hw_done", COMMIT_TIMEOUT_MS);
        }
        if (prev != null && prev.flipDone.waitTimeout(COMMIT_TIMEOUT_MS) == 0) {
            k.reportStall("[CRTC:33:crtc-0] flip_done", COMMIT_TIMEOUT_MS);
        }
        boolean programmed = d.driver.commitModeset(d, c);
        c.hwDone.completeAll(); // drm_atomic_helper_commit_hw_done
        d.driver.vblankEvent(d, c, programmed);
        k.at(TAIL_CLEANUP);
        d.driver.cleanupFb(d, c); // drm_atomic_helper_cleanup_planes
        c.cleanupDone.completeAll();
        releaseState(d, c.state);
    }

    private void releaseState(DrmDevice d, Cell state) {
        k.memory().free(state, "drm_atomic_state_put: __drm_atomic_state_free");
        drmDevPut(d);
    }

    /** drm_atomic_helper_shutdown: a blocking commit that disables every CRTC; errors only log. */
    void atomicHelperShutdown(DrmDevice d) {
        atomicCommit(d, false, true);
    }
}
