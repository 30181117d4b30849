package dev.unbind.subjects.cdev;

import dev.unbind.kernel.IdentitySlots;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Fence;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.Cdev;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;


/**
 * The daq driver, the part every variant shares: its file operations (open with a client per
 * file and a single-open minor, a read and an ioctl that sleep for a sample, an ioctl that reads
 * a register, release), its interrupt handler, and the probe steps. How a variant registers its
 * cdev, tears it down and frees its state is {@link #probe} and {@link #remove}, written in the
 * variant's file.
 */
abstract class DaqDriver {
    static final Point KZALLOC_STATE = Point.fallible("cdev.driver.probe.kzalloc");
    static final Point IOREMAP = Point.fallible("cdev.driver.probe.devm_ioremap");
    static final Point CDEV_ALLOC = Point.fallible("cdev.driver.probe.cdev_alloc");
    static final Point NODES_CREATE = Point.fallible("cdev.driver.probe.device_add");
    static final Point NODES_VISIBLE = Point.window("cdev.driver.probe.nodes-visible", "open")
            .guarding("daq|cdev|mmio");
    static final Point REQUEST_IRQ = Point.fallible("cdev.driver.probe.request_irq");
    static final Point CLIENT_ALLOC = Point.fallible("cdev.driver.open.kzalloc_client");
    static final Point HW_ACCESS = Point.window("cdev.driver.hw-access", "remove").guarding("mmio|daq");
    static final Point WAITING = Point.window("cdev.driver.about-to-sleep", "remove")
            .guarding("daq|run|fence no daq fop*");
    static final Point REMOVE_BEGIN = Point.step("cdev.driver.remove.begin");
    static final Point REMOVE_RETURNS = Point.step("cdev.driver.remove.returns");

    final Kernel k;
    /** THIS_MODULE: the daq module, or null when the driver is built in. */
    final Module owner;
    final Chardev.Board board;
    /** daq_fops: the driver's own table, for the variants that register file_operations. */
    final FileOperations fops;
    /** platform_get_drvdata. */
    volatile DaqDevice drvdata;
    /** The dev_id of the interrupt handler: set once devm_request_irq succeeded, gone after remove. */
    private volatile DaqDevice irqDevice;
    /** The state of the probe in progress, so a failed probe can make its promise too. */
    private volatile DaqDevice probing;
    /** container_of(inode->i_cdev, struct daq, cdev), or the minor lookup of the cdev_alloc board. */
    private final IdentitySlots<Cdev, DaqDevice> byCdev = new IdentitySlots<>();

    DaqDriver(Kernel k, Module owner, Chardev.Board board) {
        this.k = k;
        this.owner = owner;
        this.board = board;
        this.fops = new FileOperations("daq_fops", owner);
        fops.open = (inode, f) -> open(deviceOf(inode.cdev()), f, exclusive(inode));
        fops.read = (f, count) -> read(f);
        fops.unlockedIoctl = this::ioctl;
        fops.compatIoctl = this::ioctl; // integer arguments only: nothing to convert
        fops.release = this::release;
    }

    // ------------------------------------------------------------------ what the variants write

    /** daq_probe: 0 or -errno, with everything it did undone on failure. */
    abstract int probe(Device pdev);

    /** daq_remove; the driver core releases devres after it returns. */
    abstract void remove(DaqDevice d);

    // ------------------------------------------------------------------ driver core entry points

    final int probeDevice(Device pdev) {
        probing = null;
        int rc = probe(pdev);
        DaqDevice d = probing;
        if (rc != 0 && d != null) {
            d.afterRemove.close(); // a failed probe makes the same promise as remove
        }
        return rc;
    }

    final void removeDevice(Device pdev) {
        DaqDevice d = drvdata;
        k.at(REMOVE_BEGIN);
        remove(d);
        k.at(REMOVE_RETURNS);
        d.afterRemove.close();
        irqDevice = null; // devres: free_irq
    }

    // ------------------------------------------------------------------ probe steps

    /** kzalloc(sizeof(struct daq)): the state, in the board's slot (so a re-probe is a new generation). */
    DaqDevice allocState() {
        if (k.fails(KZALLOC_STATE)) {
            return null;
        }
        Cell mem = k.memory().allocInSlot("daq", board, "kzalloc(struct daq)");
        DaqDevice d = new DaqDevice(k, board, mem, devt(board));
        probing = d;
        return d;
    }

    void kfreeState(DaqDevice d) {
        k.memory().free(d.mem, "kfree(struct daq)");
    }

    /** devm_ioremap of the registers: released by devres after remove (or a failed probe). */
    boolean ioremap(DaqDevice d, Device pdev) {
        Cell regs = pdev.devres().kzalloc(IOREMAP, "mmio");
        d.mmio(regs);
        return regs != null;
    }

    /**
     * The cdev: cdev_init of the one embedded in struct daq, or cdev_alloc on the board that
     * allocates it. Null if cdev_alloc failed.
     */
    Cdev cdevFor(DaqDevice d, FileOperations ops) {
        Cdev c;
        if (board.allocatedCdev) {
            if (k.fails(CDEV_ALLOC)) {
                return null;
            }
            c = Cdev.alloc(k, board.node, ops);
        } else {
            c = Cdev.init(k, board.node, d.mem, ops);
        }
        c.owner(owner);
        d.cdev(c);
        synchronized (byCdev) {
            byCdev.put(c, d);
        }
        return c;
    }

    /** After a failed cdev_add: the embedded cdev needs nothing, an allocated one is put. */
    void putUnadded(Cdev c) {
        if (board.allocatedCdev) {
            c.kobjectPut();
        }
    }

    /** device_add (or device_create): both nodes appear, and opens by path can find them. */
    int createNodes(CharDevCore core, DaqDevice d) {
        if (k.fails(NODES_CREATE)) {
            return -Errno.ENOMEM;
        }
        if (d.dev() != null) {
            d.dev().add();
        }
        core.devfs.create(d.devt);
        core.devfs.create(d.devt + 1);
        k.at(NODES_VISIBLE);
        return 0;
    }

    /** device_del (or device_destroy): the nodes disappear. */
    void destroyNodes(CharDevCore core, DaqDevice d) {
        core.devfs.remove(d.devt);
        core.devfs.remove(d.devt + 1);
        if (d.dev() != null) {
            d.dev().del();
        }
    }

    /** devm_request_irq, the last step of probe: after the nodes are visible. */
    boolean requestIrqFails(DaqDevice d) {
        if (k.fails(REQUEST_IRQ)) {
            return true;
        }
        irqDevice = d;
        return false;
    }

    static int devt(Chardev.Board b) {
        return Inode.mkdev(CharDevCore.DAQ_MAJOR, b.minorBase);
    }

    DaqDevice deviceOf(Cdev c) {
        synchronized (byCdev) {
            return byCdev.get(c);
        }
    }

    boolean exclusive(Inode inode) {
        return inode.minor() == board.minorBase + 1;
    }

    // ------------------------------------------------------------------ the driver's fops

    /** daq_open: a client per file; the single-open minor makes a second opener wait. */
    int open(DaqDevice d, File f, boolean exclusive) {
        try (Cell.Access in = d.mem.enter("daq_open"); Fence.Scope s = d.afterRemove.enter("daq_open")) {
            Cell client = k.kzalloc(CLIENT_ALLOC, "daq_client");
            if (client == null) {
                return -Errno.ENOMEM;
            }
            if (exclusive) {
                k.at(WAITING);
                int rc = d.openq.waitEventInterruptible(() -> d.holder() == null || d.dead());
                if (rc == 0 && d.holder() != null) {
                    rc = -Errno.ENODEV; // woken because the device is going away
                }
                if (rc != 0) {
                    k.memory().free(client, "daq_open: kfree(client)");
                    return rc;
                }
                d.holder(f);
            }
            d.clientOpened();
            f.privateData(new DaqClient(client, d, exclusive));
            return 0;
        }
    }

    /** daq_read: one sample, sleeping until the card raised one. */
    long read(File f) {
        DaqClient c = f.privateData();
        DaqDevice d = c.dev();
        try (Cell.Access in = d.mem.enter("daq_read"); Fence.Scope s = d.afterRemove.enter("daq_read")) {
            c.mem().touch("daq_read: read client");
            int rc = waitForSample(d);
            return rc == 0 ? 1 : rc;
        }
    }

    /** daq_ioctl. */
    long ioctl(File f, int cmd, long arg) {
        DaqClient c = f.privateData();
        DaqDevice d = c.dev();
        try (Cell.Access in = d.mem.enter("daq_ioctl"); Fence.Scope s = d.afterRemove.enter("daq_ioctl")) {
            c.mem().touch("daq_ioctl: read client");
            return switch (Chardev.Ioctl.values()[cmd]) {
                case GET_STATUS -> {
                    try (Cell.Access bus = d.mmio().enter("GET_STATUS: read the status register")) {
                        k.at(HW_ACCESS);
                    }
                    yield Chardev.STATUS_READY;
                }
                case WAIT_EVENT -> waitForSample(d);
                case SET_FLAGS -> {
                    d.flags(arg & 0xFFFF_FFFFL);
                    yield (arg & Chardev.FLAG_ENABLE) != 0 ? 1 : 0;
                }
            };
        }
    }

    /** Sleeps until a sample (0, consumed) or until the device is dead (-ENODEV); -ERESTARTSYS on a signal. */
    private int waitForSample(DaqDevice d) {
        k.at(WAITING);
        int rc = d.readq.waitEventInterruptible(() -> d.samples() > 0 || d.dead());
        if (rc != 0) {
            return rc;
        }
        return d.takeSample() ? 0 : -Errno.ENODEV;
    }

    /** daq_release: only memory, so it may run after remove. */
    int release(Inode inode, File f) {
        DaqClient c = f.privateData();
        DaqDevice d = c.dev();
        d.afterRemove.allow("daq_release");
        try (Cell.Access in = d.mem.enter("daq_release")) {
            if (c.exclusive()) {
                d.holder(null);
                d.openq.wakeUp();
            }
            d.clientClosed();
        }
        k.memory().free(c.mem(), "daq_release: kfree(client)");
        return 0;
    }

    /** daq_irq: the card raised a sample. */
    void irq() {
        DaqDevice d = irqDevice;
        if (d == null) {
            return;
        }
        if (owner != null) {
            owner.call("daq_irq");
        }
        d.addSample();
        d.readq.wakeUp();
    }
}
