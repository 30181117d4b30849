package dev.unbind.subjects.uio;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.fs.Cdev;
import dev.unbind.kernel.fs.CdevMap;
import dev.unbind.kernel.fs.DevFs;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.VmOperations;
import dev.unbind.kernel.fs.Vma;

import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * drivers/uio/uio.c, the part no variant changes: the char device (one cdev over the whole uio
 * major, registered at boot, its file operations in {@link UioFops}), the idr of minors, and the
 * skeleton of __uio_register_device with its error unwinding. What the variants change —
 * unregister, release, event_notify, when the idr entry is published, what an error path and a
 * PHYS mmap do — sits behind the hooks at the bottom; {@link UioSubject} implements them.
 *
 * <p>uio is built in here: its fops have no module owner. The driver's module is pinned by
 * uio_open's try_module_get(idev->owner) until uio_release's module_put.
 */
@dev.unbind.code.Core
abstract class UioCore {
    static final int UIO_MAJOR = 243;
    static final int UIO_MAX_DEVICES = 16;

    static final Point KZALLOC_IDEV = Point.fallible("uio.register.kzalloc");
    static final Point IDR_ALLOC = Point.fallible("uio.register.idr_alloc");
    static final Point MINOR_ALLOCATED = Point.window("uio.register.minor-allocated", "open").guarding("uio_device");
    static final Point DEV_SET_NAME = Point.fallible("uio.register.dev_set_name");
    static final Point DEVICE_ADD = Point.fallible("uio.register.device_add");
    static final Point NODE_VISIBLE = Point.window("uio.register.node-visible", "open").guarding("uio_device");
    static final Point ADD_ATTRIBUTES = Point.fallible("uio.register.add_attributes");
    static final Point INFO_CLEARED = Point.step("uio.unregister.info-cleared");
    static final Point NOTIFY_IDEV = Point.window("uio.event_notify.idev", "remove").guarding("uio_device");

    final Kernel k;
    final CdevMap map;
    final DevFs devfs = new DevFs();
    final FileOperations fops;
    final VmOperations logicalVmOps;
    final VmOperations physicalVmOps;
    /** minor_lock, protecting {@link #idr}. */
    final Mutex minorLock;
    /** uio_idr: a key is an allocated minor; its value the published idev (null while only reserved). */
    private final TreeMap<Integer, UioDevice> idr = new TreeMap<>();

    UioCore(Kernel k) {
        this.k = k;
        this.map = new CdevMap(k);
        this.minorLock = new Mutex(k, "minor_lock");
        UioFops uioFops = new UioFops(this);
        this.fops = new FileOperations("uio_fops", null);
        fops.open = uioFops::open;
        fops.release = uioFops::release;
        fops.read = uioFops::read;
        fops.write = uioFops::write;
        fops.poll = uioFops::poll;
        fops.mmap = uioFops::mmap;
        this.logicalVmOps = new VmOperations("uio_logical_vm_ops", null);
        logicalVmOps.fault = uioFops::vmaFault;
        this.physicalVmOps = new VmOperations("uio_physical_vm_ops", null); // .access only: no fault
        // uio_major_init: one cdev for every minor, never deleted
        map.registerChrdev(Cdev.init(k, "uio", k.memory().global("uio_cdev"), fops), Inode.mkdev(UIO_MAJOR, 0),
                UIO_MAX_DEVICES);
    }

    // ------------------------------------------------------------------ registration

    /** __uio_register_device: 0 or -errno; on error nothing of it is left (as the C intends). */
    final int register(Module owner, UioInfo info) {
        info.uioDev(null);
        Cell mem = k.kzalloc(KZALLOC_IDEV, "uio_device");
        if (mem == null) {
            return -Errno.ENOMEM;
        }
        UioDevice idev = new UioDevice(k, mem, owner, info);
        int ret = getMinor(idev);
        if (ret != 0) {
            k.memory().free(mem, "__uio_register_device: kfree(idev)");
            return ret;
        }
        info.lastMinor = idev.minor();
        k.at(MINOR_ALLOCATED);
        idev.deviceInitialize("uio" + idev.minor());
        if (k.fails(DEV_SET_NAME) || k.fails(DEVICE_ADD)) {
            return unwind(idev, Unwind.DEVICE_CREATE, -Errno.ENOMEM);
        }
        idev.dev().add();
        devfs.create(Inode.mkdev(UIO_MAJOR, idev.minor())); // /dev/uioN appears
        k.at(NODE_VISIBLE);
        if (k.fails(ADD_ATTRIBUTES)) {
            return unwind(idev, Unwind.ATTRIBUTES, -Errno.ENOMEM);
        }
        info.uioDev(idev);
        // request_threaded_irq for a real info->irq, whose failure unwinds like the attributes' after
        // setting info->uio_dev back to NULL: the modelled drivers own their interrupts (UIO_IRQ_CUSTOM)
        registered(idev);
        return 0;
    }

    /** The error labels of __uio_register_device, entered at one and falling through the rest. */
    private enum Unwind { ATTRIBUTES, DEVICE_CREATE }

    private int unwind(UioDevice idev, Unwind from, int ret) {
        switch (from) {
            case ATTRIBUTES:
                registerFailed(idev);
                deviceDel(idev);
                // fall through
            case DEVICE_CREATE:
                freeMinor(idev.minor());
                idev.putDevice();
                idev.failedRegistration.close();
                break;
            default:
                throw new IllegalStateException(String.valueOf(from));
        }
        return ret;
    }

    /** uio_get_minor with the idr entry set to {@code published} (idev, or null to only reserve). */
    final int allocMinor(UioDevice idev, UioDevice published) {
        minorLock.lock();
        try {
            if (k.fails(IDR_ALLOC)) {
                return -Errno.ENOMEM;
            }
            int m = 0;
            while (idr.containsKey(m)) {
                m++;
            }
            if (m >= UIO_MAX_DEVICES) {
                return -Errno.EINVAL;
            }
            idr.put(m, published);
            idev.minor(m);
            return 0;
        } finally {
            minorLock.unlock();
        }
    }

    /** idr_find, under minor_lock: the published idev of {@code minor}, or null. */
    final UioDevice idrFind(int minor) {
        return idr.get(minor);
    }

    /** idr_replace under minor_lock: opens find {@code idev} from here on. */
    final void publishMinor(UioDevice idev) {
        minorLock.lock();
        idr.put(idev.minor(), idev);
        minorLock.unlock();
    }

    /** uio_free_minor. */
    final void freeMinor(int minor) {
        minorLock.lock();
        idr.remove(minor);
        minorLock.unlock();
    }

    /** uio_dev_add_attributes' undo: the map kobjects describe info->mem. */
    final void delAttributes(UioDevice idev) {
        UioInfo info = idev.info();
        if (info != null) {
            info.maps();
        }
    }

    /** device_del: the node disappears; references stay. */
    final void deviceDel(UioDevice idev) {
        idev.dev().del();
        devfs.remove(Inode.mkdev(UIO_MAJOR, idev.minor()));
    }

    /** Calls a uio_info callback: driver code under Greg's rule. */
    final int callDriver(UioDevice idev, String what, IntSupplier call) {
        try (var inside = idev.driverCalls.enter(what); var notFailed = idev.failedRegistration.enter(what)) {
            return call.getAsInt();
        }
    }

    // ------------------------------------------------------------------ what the variants change

    /** uio_get_minor: allocates the minor and says what the idr entry points to meanwhile. */
    abstract int getMinor(UioDevice idev);

    /** The end of a successful registration. */
    abstract void registered(UioDevice idev);

    /** A registration failing after device_add, before device_del: a racing opener may hold a file. */
    abstract void registerFailed(UioDevice idev);

    /** uio_unregister_device. */
    abstract void unregister(UioInfo info);

    /** uio_event_notify. */
    abstract void eventNotify(UioInfo info);

    /** uio_mmap_physical, under info_lock. */
    abstract int mmapPhysical(UioDevice idev, UioInfo info, int mi, Vma vma);

    /** What the driver hears of a closing file, under info_lock. */
    abstract int driverRelease(UioDevice idev, Listener listener, Inode inode);

    /** uio_open found idev and set up the listener (before info_lock). */
    void opening(UioDevice idev, File filep) {
    }

    /** uio_open succeeded, under info_lock. */
    void opened(UioDevice idev, Listener listener) {
    }
}
