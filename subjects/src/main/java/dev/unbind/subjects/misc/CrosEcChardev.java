package dev.unbind.subjects.misc;

import dev.unbind.kernel.IdentitySlots;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Fence;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.WaitQueue;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.MiscDevice;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * drivers/platform/chrome/cros_ec_chardev.c as mainline has it [cros_ec_chardev.c]: the
 * miscdevice is devm_kzalloc'ed in probe; each open allocates a {@code chardev_priv} that points
 * into the PARENT's EC and registers a notifier block on the EC's event chain; release
 * unregisters it from that chain. read either returns the EC version (a bus command) or, once an
 * event mask is set, sleeps until an MKBP event arrives; the XCMD ioctl sends a command and
 * sleeps on the bus. The variants decide only how the miscdevice is registered and how remove
 * takes it down ({@link #register}, {@link #deregister}).
 */
abstract class CrosEcChardev extends ChardevDriver {
    static final Point PROBE_KZALLOC = Point.fallible("misc.chardev.probe.devm_kzalloc");
    static final Point OPEN_KZALLOC = Point.fallible("misc.chardev.open.kzalloc");
    static final Point XCMD_KZALLOC = Point.fallible("misc.chardev.xcmd.kzalloc");
    static final Point WAITING_EVENT = Point.window("misc.chardev.read.waiting-event", "remove")
            .guarding("chardev_priv|chardev_pdata|cros_ec_device|ec_event|run|fence no cros_ec_chardev code*");
    static final Point REMOVE_RETURNS = Point.step("misc.chardev.remove.returns");

    /** What probe leaves in drvdata. */
    static final class Instance {
        final MiscDevice misc;
        final EcDevice ec;
        /** The promise a driver's remove makes by returning (checked, not code). */
        final Fence afterRemove;

        Instance(Kernel k, MiscDevice misc, EcDevice ec) {
            this.misc = misc;
            this.ec = ec;
            this.afterRemove = new Fence(k, "no cros_ec_chardev code runs after its remove() returned, release excepted");
        }
    }

    /** struct chardev_priv: one per open file. */
    static final class Priv {
        final Cell mem;
        final Instance inst;
        /** priv->ec_dev: the parent's EC, not refcounted by the file. */
        final EcDevice ec;
        final WaitQueue waitEvent;
        final Deque<Cell> events = new ArrayDeque<>();
        volatile long eventMask;
        NotifierChain.Block notifier;

        Priv(Kernel k, Cell mem, Instance inst) {
            this.mem = mem;
            this.inst = inst;
            this.ec = inst.ec;
            this.waitEvent = new WaitQueue(k, "chardev_priv.wait_event", mem);
        }

        boolean eventQueued() {
            mem.touch("list_empty(&priv->events)");
            synchronized (events) {
                return !events.isEmpty();
            }
        }
    }

    private final IdentitySlots<MiscDevice, Instance> byMisc = new IdentitySlots<>();

    CrosEcChardev(Kernel k, MiscCore core, Module owner, Function<Device, EcDevice> parentData) {
        super(k, core, owner, parentData);
        fops.open = this::open;
        fops.read = (f, count) -> read(f);
        fops.poll = this::poll;
        fops.unlockedIoctl = this::ioctl;
        fops.compatIoctl = this::ioctl;
        fops.release = this::release;
    }

    // ------------------------------------------------------------------ what the variants decide

    /** How probe registers the miscdevice: 0 or -errno. */
    abstract int register(MiscDevice misc);

    /** What remove does with it. */
    abstract void deregister(MiscDevice misc);

    // ------------------------------------------------------------------ probe / remove

    @Override
    int probe(Device pdev, EcDevice ec) {
        Cell mem = pdev.devres().kzalloc(PROBE_KZALLOC, "miscdevice");
        if (mem == null) {
            return -Errno.ENOMEM;
        }
        MiscDevice misc = core.newMiscDevice(mem, ec.name, fops, pdev.parent()); // misc->parent = pdev->dev.parent
        Instance inst = new Instance(k, misc, ec);
        byMisc.put(misc, inst);
        drvdata(pdev, inst);
        return register(misc);
    }

    @Override
    void remove(Device pdev) {
        Instance inst = drvdata(pdev);
        deregister(inst.misc);
        k.at(REMOVE_RETURNS);
        inst.afterRemove.close(); // then devres frees the miscdevice, then the parent frees its EC
    }

    // ------------------------------------------------------------------ chardev_fops

    int open(Inode inode, File filp) {
        MiscDevice mdev = filp.privateData();
        mdev.home().touch("read miscdevice->parent");
        Instance inst = byMisc.get(mdev);
        try (Fence.Scope s = inst.afterRemove.enter("cros_ec_chardev_open")) {
            Cell mem = k.kzalloc(OPEN_KZALLOC, "chardev_priv");
            if (mem == null) {
                return -Errno.ENOMEM;
            }
            Priv priv = new Priv(k, mem, inst);
            filp.privateData(priv);
            priv.notifier = new NotifierChain.Block(owner, "cros_ec_chardev_mkbp_event", action -> mkbpEvent(priv));
            priv.ec.events.register(priv.notifier); // on the PARENT's chain, until release
            return 0;
        }
    }

    long read(File filp) {
        Priv priv = filp.privateData();
        try (Fence.Scope s = priv.inst.afterRemove.enter("cros_ec_chardev_read")) {
            priv.mem.touch("read priv->event_mask");
            if (priv.eventMask != 0) {
                return fetchEvent(priv);
            }
            int rc = priv.ec.xfer("ec_get_version"); // legacy read: the EC version string
            return rc < 0 ? rc : 32;
        }
    }

    /** cros_ec_chardev_fetch_event, blocking: sleeps until the notifier queues an event. */
    long fetchEvent(Priv priv) {
        k.at(WAITING_EVENT);
        int rc = priv.waitEvent.waitEventInterruptible(priv::eventQueued);
        if (rc != 0) {
            return rc;
        }
        Cell event;
        synchronized (priv.events) {
            event = priv.events.poll();
        }
        k.memory().free(event, "cros_ec_chardev_read: kfree(event)");
        return 5;
    }

    int poll(File filp) {
        Priv priv = filp.privateData();
        try (Fence.Scope s = priv.inst.afterRemove.enter("cros_ec_chardev_poll")) {
            priv.mem.touch("poll_wait(&priv->wait_event)");
            return priv.eventQueued() ? Errno.EPOLLIN | Errno.EPOLLRDNORM : 0;
        }
    }

    long ioctl(File filp, int cmd, long arg) {
        Priv priv = filp.privateData();
        try (Fence.Scope s = priv.inst.afterRemove.enter("cros_ec_chardev_ioctl")) {
            priv.mem.touch("read priv->ec_dev");
            switch (MiscChardev.Cmd.values()[cmd]) {
                case XCMD -> {
                    Cell msg = k.kzalloc(XCMD_KZALLOC, "cros_ec_command");
                    if (msg == null) {
                        return -Errno.ENOMEM;
                    }
                    int rc = priv.ec.xfer("CROS_EC_DEV_IOCXCMD");
                    k.memory().free(msg, "cros_ec_chardev_ioctl_xcmd: kfree(s_cmd)");
                    return rc;
                }
                case EVENTMASK -> {
                    priv.eventMask = arg;
                    return 0;
                }
                default -> {
                    return -Errno.ENOTTY;
                }
            }
        }
    }

    int release(Inode inode, File filp) {
        Priv priv = filp.privateData();
        priv.inst.afterRemove.allow("cros_ec_chardev_release");
        priv.ec.events.unregister(priv.notifier); // the PARENT's chain: gone once the parent unbound
        synchronized (priv.events) {
            for (Cell e : priv.events) {
                k.memory().free(e, "cros_ec_chardev_release: kfree(event)");
            }
            priv.events.clear();
        }
        k.memory().free(priv.mem, "cros_ec_chardev_release: kfree(priv)");
        return 0;
    }

    /** cros_ec_chardev_mkbp_event: the EC's IRQ thread queues an event for this file. */
    void mkbpEvent(Priv priv) {
        priv.inst.afterRemove.check("cros_ec_chardev_mkbp_event");
        int size = priv.ec.eventSize();
        priv.mem.touch("read priv->event_mask");
        if (priv.eventMask == 0) {
            return;
        }
        Cell event = k.memory().alloc("ec_event", "cros_ec_chardev_mkbp_event: kzalloc(" + size + ")");
        synchronized (priv.events) {
            priv.events.add(event);
        }
        priv.waitEvent.wakeUp();
    }
}
