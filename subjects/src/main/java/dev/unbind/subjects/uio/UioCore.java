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
 * major, registered at boot), uio_open, the read/write/poll/mmap fops, the fault handler of
 * LOGICAL maps, the idr of minors, and the skeleton of __uio_register_device with its error
 * unwinding. What the variants change — unregister, release, event_notify, when the idr entry is
 * published, what an error path and a PHYS mmap do — sits behind the hooks at the bottom;
 * {@link UioSubject} implements them.
 *
 * <p>uio is built in here: its fops have no module owner. The driver's module is pinned by
 * uio_open's try_module_get(idev->owner) until uio_release's module_put.
 */
abstract class UioCore {
    static final int UIO_MAJOR = 243;
    static final int UIO_MAX_DEVICES = 16;
    /** s32, the only size read and write accept. */
    static final int EVENT_SIZE = 4;

    static final Point KZALLOC_IDEV = Point.fallible("uio.register.kzalloc");
    static final Point IDR_ALLOC = Point.fallible("uio.register.idr_alloc");
    static final Point MINOR_ALLOCATED = Point.window("uio.register.minor-allocated", "open");
    static final Point DEV_SET_NAME = Point.fallible("uio.register.dev_set_name");
    static final Point DEVICE_ADD = Point.fallible("uio.register.device_add");
    static final Point NODE_VISIBLE = Point.window("uio.register.node-visible", "open");
    static final Point ADD_ATTRIBUTES = Point.fallible("uio.register.add_attributes");
    static final Point OPEN_FOUND = Point.window("uio.open.idev-found", "delete", "remove");
    static final Point KMALLOC_LISTENER = Point.fallible("uio.open.kmalloc_listener");
    static final Point RELEASE_BEGIN = Point.window("uio.release.begin", "delete", "remove");
    static final Point READ_CHECKED = Point.window("uio.read.info-checked", "delete", "remove");
    static final Point MMAP_RETURNING = Point.window("uio.mmap.returning", "delete", "remove");
    static final Point INFO_CLEARED = Point.step("uio.unregister.info-cleared");
    static final Point NOTIFY_IDEV = Point.window("uio.event_notify.idev", "remove");

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
        this.fops = new FileOperations("uio_fops", null);
        fops.open = this::open;
        fops.release = this::release;
        fops.read = this::read;
        fops.write = this::write;
        fops.poll = this::poll;
        fops.mmap = this::mmap;
        this.logicalVmOps = new VmOperations("uio_logical_vm_ops", null);
        logicalVmOps.fault = this::vmaFault;
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

    // ------------------------------------------------------------------ file operations

    /** uio_open. */
    final int open(Inode inode, File filep) {
        minorLock.lock();
        UioDevice idev = idr.get(inode.minor());
        if (idev == null) {
            minorLock.unlock();
            return -Errno.ENODEV;
        }
        idev.getDevice();
        minorLock.unlock();
        k.at(OPEN_FOUND);
        Module owner = idev.owner();
        if (!owner.tryGet()) {
            idev.putDevice();
            return -Errno.ENODEV;
        }
        Cell mem = k.kzalloc(KMALLOC_LISTENER, "uio_listener");
        if (mem == null) {
            owner.put();
            idev.putDevice();
            return -Errno.ENOMEM;
        }
        Listener listener = new Listener(mem, idev, idev.event(), inode);
        filep.privateData(listener);
        opening(idev, filep);
        idev.infoLock.lock();
        UioInfo info = idev.info();
        int ret = 0;
        if (info == null) {
            ret = -Errno.EINVAL;
        } else if (info.hasOpen()) {
            ret = callDriver(idev, "info->open", () -> info.callOpen(inode));
        }
        if (ret == 0) {
            opened(idev, listener);
        }
        idev.infoLock.unlock();
        if (ret != 0) {
            k.memory().free(mem, "uio_open: kfree(listener)");
            owner.put();
            idev.putDevice();
        }
        return ret;
    }

    /** uio_release: what the driver hears is the variant's; then the file's references go. */
    final int release(Inode inode, File filep) {
        Listener listener = filep.privateData();
        UioDevice idev = listener.dev();
        k.at(RELEASE_BEGIN);
        idev.infoLock.lock();
        int ret = driverRelease(idev, listener, inode);
        idev.infoLock.unlock();
        idev.owner().put();
        k.memory().free(listener.mem, "uio_release: kfree(listener)");
        idev.putDevice();
        return ret;
    }

    /** uio_read: sleeps until an event or until the device is gone, re-checking info each time. */
    final long read(File filep, long count) {
        Listener listener = filep.privateData();
        UioDevice idev = listener.dev();
        if (count != EVENT_SIZE) {
            return -Errno.EINVAL;
        }
        while (true) {
            idev.infoLock.lock();
            UioInfo info = idev.info();
            if (info == null || info.irq() == UioInfo.IRQ_NONE) {
                idev.infoLock.unlock();
                return -Errno.EIO;
            }
            idev.infoLock.unlock();
            k.at(READ_CHECKED);
            int event = idev.event();
            if (event != listener.eventCount()) {
                listener.eventCount(event);
                return EVENT_SIZE;
            }
            if (k.self().signalPending()) {
                return -Errno.ERESTARTSYS;
            }
            // schedule(): the reader joined idev->wait before testing, so a wake-up in between is kept
            idev.wait.waitEventInterruptible(() -> idev.event() != listener.eventCount() || idev.info() == null);
        }
    }

    /** uio_write of an s32 irq_on (always 1 here): the driver's irqcontrol. */
    final long write(File filep, long count) {
        Listener listener = filep.privateData();
        UioDevice idev = listener.dev();
        if (count != EVENT_SIZE) {
            return -Errno.EINVAL;
        }
        int retval;
        idev.infoLock.lock();
        UioInfo info = idev.info();
        if (info == null) {
            retval = -Errno.EINVAL;
        } else if (info.irq() == UioInfo.IRQ_NONE) {
            retval = -Errno.EIO;
        } else if (!info.hasIrqcontrol()) {
            retval = -Errno.ENOSYS;
        } else {
            retval = callDriver(idev, "info->irqcontrol", () -> info.callIrqcontrol(1));
        }
        idev.infoLock.unlock();
        return retval != 0 ? retval : EVENT_SIZE;
    }

    /** uio_poll: EPOLLERR once the device is gone; never sleeps. */
    final int poll(File filep) {
        Listener listener = filep.privateData();
        UioDevice idev = listener.dev();
        idev.infoLock.lock();
        UioInfo info = idev.info();
        int ret = info == null || info.irq() == UioInfo.IRQ_NONE ? Errno.EPOLLERR : 0;
        idev.infoLock.unlock();
        if (ret != 0) {
            return ret;
        }
        return listener.eventCount() != idev.event() ? Errno.EPOLLIN | Errno.EPOLLRDNORM : 0;
    }

    /** uio_mmap: vm_pgoff selects the map; the driver's mmap, or uio's own per memory type. */
    final int mmap(File filep, Vma vma) {
        Listener listener = filep.privateData();
        UioDevice idev = listener.dev();
        vma.privateData(idev);
        int ret;
        idev.infoLock.lock();
        UioInfo info = idev.info();
        int mi = info == null ? -1 : info.memIndex(vma.pgoff());
        if (info == null || mi < 0) {
            ret = -Errno.EINVAL;
        } else if (info.hasMmap()) {
            ret = callDriver(idev, "info->mmap", () -> info.callMmap(vma));
        } else {
            ret = switch (info.mem(mi).type()) {
                case PHYS -> mmapPhysical(idev, info, mi, vma);
                case LOGICAL -> {
                    vma.vmOps(logicalVmOps);
                    yield 0;
                }
                default -> -Errno.EINVAL;
            };
        }
        idev.infoLock.unlock();
        k.at(MMAP_RETURNING); // the VMA joins the file's address space only after this returns
        return ret;
    }

    /** uio_vma_fault for LOGICAL maps: SIGBUS once the device is gone. */
    final int vmaFault(Vma vma, long pgoff) {
        UioDevice idev = vma.privateData();
        int ret = 0;
        idev.infoLock.lock();
        UioInfo info = idev.info();
        int mi = info == null ? -1 : info.memIndex(vma.pgoff());
        if (mi < 0) {
            ret = Vma.VM_FAULT_SIGBUS;
        } else {
            info.mem(mi); // virt_to_page(addr) and get_page: the PTE pins the page
        }
        idev.infoLock.unlock();
        return ret;
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
