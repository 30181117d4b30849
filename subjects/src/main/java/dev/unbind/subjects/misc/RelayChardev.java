package dev.unbind.subjects.misc;

import dev.unbind.kernel.IdentitySlots;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Fence;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Kref;
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
 * cros_ec_chardev reworked so that a fenced misc core can protect it: the device data
 * ({@code chardev_pdata}, embedding the miscdevice) is refcounted by the open files instead of
 * devm; ONE relay notifier per device sits on the parent's event chain from probe to remove and
 * forwards events to a chain of per-file subscribers inside the device data. So release only
 * touches memory the file keeps alive, and nothing of the driver stays on the parent's chain
 * after remove. This is the shape of the driver in the misc_uaf branch ("Introduce chardev_data",
 * "Add event relayer", then misc_sync_register), written here from that description.
 *
 * <p>The variants decide how the miscdevice is registered ({@link #register}), what remove does
 * before it drops the probe's reference ({@link #teardown}), and whether a sleeping reader also
 * wakes up for a departed device ({@link #deviceGone}).
 */
abstract class RelayChardev extends ChardevDriver {
    static final Point PROBE_KZALLOC = Point.fallible("misc.chardev.probe.kzalloc-pdata");
    static final Point OPEN_KZALLOC = Point.fallible("misc.chardev.open.kzalloc");
    static final Point XCMD_KZALLOC = Point.fallible("misc.chardev.xcmd.kzalloc");
    static final Point WAITING_EVENT = Point.window("misc.chardev.read.waiting-event", "remove")
            .guarding("chardev_priv|chardev_pdata|cros_ec_device|ec_event|run|fence no cros_ec_chardev code*");
    static final Point REMOVE_RETURNS = Point.step("misc.chardev.remove.returns");

    /** struct chardev_pdata: kref = probe's reference + one per open file. */
    static final class Pdata {
        final Cell mem;
        final Kref kref;
        /** pdata->ec_dev: valid while the chardev is bound (the MFD unbinds children first). */
        final EcDevice ec;
        /** The embedded struct miscdevice. */
        final MiscDevice misc;
        /** pdata->subscribers: the open files' notifier blocks. */
        final NotifierChain subscribers;
        NotifierChain.Block relay;
        /** Set by a remove that marks the device dead before fencing (only the fenced driver does). */
        private volatile boolean dead;
        final Fence afterRemove;

        Pdata(Kernel k, Cell mem, EcDevice ec, MiscDevice misc) {
            this.mem = mem;
            this.kref = new Kref(k, "chardev_pdata.kref", mem);
            this.ec = ec;
            this.misc = misc;
            this.subscribers = new NotifierChain(k, "chardev_pdata.subscribers", mem);
            this.afterRemove = new Fence(k, "no cros_ec_chardev code runs after its remove() returned, release excepted");
        }

        boolean dead() {
            mem.touch("read pdata->dead");
            return dead;
        }

        void markDead() {
            mem.touch("write pdata->dead");
            dead = true;
        }
    }

    /** struct chardev_priv. */
    static final class Priv {
        final Cell mem;
        final Pdata pdata;
        final WaitQueue waitEvent;
        final Deque<Cell> events = new ArrayDeque<>();
        volatile long eventMask;
        NotifierChain.Block notifier;

        Priv(Kernel k, Cell mem, Pdata pdata) {
            this.mem = mem;
            this.pdata = pdata;
            this.waitEvent = new WaitQueue(k, "chardev_priv.wait_event", mem);
        }

        boolean eventQueued() {
            mem.touch("list_empty(&priv->events)");
            synchronized (events) {
                return !events.isEmpty();
            }
        }
    }

    private final IdentitySlots<MiscDevice, Pdata> byMisc = new IdentitySlots<>();

    RelayChardev(Kernel k, MiscCore core, Module owner, Function<Device, EcDevice> parentData) {
        super(k, core, owner, parentData);
        fops.open = this::open;
        fops.read = (f, count) -> read(f);
        fops.poll = this::poll;
        fops.unlockedIoctl = this::ioctl;
        fops.compatIoctl = this::ioctl;
        fops.release = this::release;
    }

    // ------------------------------------------------------------------ what the variants decide

    abstract int register(MiscDevice misc);

    /** remove's work before it drops the probe's reference on the device data. */
    abstract void teardown(Pdata p);

    /** Part of a sleeping reader's wake-up condition besides a queued event. */
    abstract boolean deviceGone(Pdata p);

    // ------------------------------------------------------------------ probe / remove

    @Override
    int probe(Device pdev, EcDevice ec) {
        Cell mem = k.kzalloc(PROBE_KZALLOC, "chardev_pdata");
        if (mem == null) {
            return -Errno.ENOMEM;
        }
        Pdata p = new Pdata(k, mem, ec, core.newMiscDevice(mem, ec.name, fops, pdev.parent()));
        byMisc.put(p.misc, p);
        p.relay = new NotifierChain.Block(owner, "cros_ec_chardev_relay_event", action -> relayEvent(p, action));
        ec.events.register(p.relay);
        drvdata(pdev, p);
        int rc = register(p.misc);
        if (rc != 0) {
            ec.events.unregister(p.relay);
            put(p);
            return rc;
        }
        return 0;
    }

    @Override
    void remove(Device pdev) {
        Pdata p = drvdata(pdev);
        teardown(p);
        put(p);
        k.at(REMOVE_RETURNS);
        p.afterRemove.close();
    }

    /** Takes the relay off the parent's chain; returns once no relay callback is in flight. */
    void unregisterRelay(Pdata p) {
        p.mem.touch("read pdata->ec_dev");
        p.ec.events.unregister(p.relay);
    }

    void put(Pdata p) {
        p.kref.put(() -> k.memory().free(p.mem, "chardev_pdata_release: kfree(pdata)"));
    }

    // ------------------------------------------------------------------ chardev_fops

    int open(Inode inode, File filp) {
        MiscDevice mdev = filp.privateData();
        mdev.home().touch("container_of(misc, struct chardev_pdata, misc)");
        Pdata p = byMisc.get(mdev);
        try (Fence.Scope s = p.afterRemove.enter("cros_ec_chardev_open")) {
            Cell mem = k.kzalloc(OPEN_KZALLOC, "chardev_priv");
            if (mem == null) {
                return -Errno.ENOMEM;
            }
            Priv priv = new Priv(k, mem, p);
            p.kref.get();
            filp.privateData(priv);
            priv.notifier = new NotifierChain.Block(owner, "cros_ec_chardev_mkbp_event", action -> subscriberEvent(priv, action));
            p.subscribers.register(priv.notifier); // the device's own chain: lives as long as the file
            return 0;
        }
    }

    long read(File filp) {
        Priv priv = filp.privateData();
        Pdata p = priv.pdata;
        try (Fence.Scope s = p.afterRemove.enter("cros_ec_chardev_read")) {
            priv.mem.touch("read priv->event_mask");
            if (priv.eventMask != 0) {
                return fetchEvent(priv);
            }
            p.mem.touch("read pdata->ec_dev");
            int rc = p.ec.xfer("ec_get_version");
            return rc < 0 ? rc : 32;
        }
    }

    private long fetchEvent(Priv priv) {
        k.at(WAITING_EVENT);
        int rc = priv.waitEvent.waitEventInterruptible(() -> priv.eventQueued() || deviceGone(priv.pdata));
        if (rc != 0) {
            return rc;
        }
        Cell event;
        synchronized (priv.events) {
            event = priv.events.poll();
        }
        if (event == null) {
            return -Errno.ENODEV; // woken because the device is gone
        }
        k.memory().free(event, "cros_ec_chardev_read: kfree(event)");
        return 5;
    }

    int poll(File filp) {
        Priv priv = filp.privateData();
        try (Fence.Scope s = priv.pdata.afterRemove.enter("cros_ec_chardev_poll")) {
            priv.mem.touch("poll_wait(&priv->wait_event)");
            return priv.eventQueued() ? Errno.EPOLLIN | Errno.EPOLLRDNORM : 0;
        }
    }

    long ioctl(File filp, int cmd, long arg) {
        Priv priv = filp.privateData();
        Pdata p = priv.pdata;
        try (Fence.Scope s = p.afterRemove.enter("cros_ec_chardev_ioctl")) {
            priv.mem.touch("read priv->pdata");
            switch (MiscChardev.Cmd.values()[cmd]) {
                case XCMD -> {
                    Cell msg = k.kzalloc(XCMD_KZALLOC, "cros_ec_command");
                    if (msg == null) {
                        return -Errno.ENOMEM;
                    }
                    p.mem.touch("read pdata->ec_dev");
                    int rc = p.ec.xfer("CROS_EC_DEV_IOCXCMD");
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

    /** Memory only: the subscriber chain lives in the device data this file holds a reference on. */
    int release(Inode inode, File filp) {
        Priv priv = filp.privateData();
        Pdata p = priv.pdata;
        p.afterRemove.allow("cros_ec_chardev_release");
        p.subscribers.unregister(priv.notifier);
        synchronized (priv.events) {
            for (Cell e : priv.events) {
                k.memory().free(e, "cros_ec_chardev_release: kfree(event)");
            }
            priv.events.clear();
        }
        k.memory().free(priv.mem, "cros_ec_chardev_release: kfree(priv)");
        put(p);
        return 0;
    }

    /** The relay on the parent's chain: forwards the EC's events to the subscribed files. */
    private void relayEvent(Pdata p, long action) {
        p.afterRemove.check("cros_ec_chardev_relay_event");
        p.subscribers.call(action);
    }

    /** A file's subscriber: queues an MKBP event, or just wakes the reader when the device goes. */
    private void subscriberEvent(Priv priv, long action) {
        Pdata p = priv.pdata;
        p.afterRemove.check("cros_ec_chardev_mkbp_event");
        if (action == NotifierChain.MKBP_EVENT) {
            int size = p.ec.eventSize();
            priv.mem.touch("read priv->event_mask");
            if (priv.eventMask == 0) {
                return;
            }
            Cell event = k.memory().alloc("ec_event", "cros_ec_chardev_mkbp_event: kzalloc(" + size + ")");
            synchronized (priv.events) {
                priv.events.add(event);
            }
        }
        priv.waitEvent.wakeUp();
    }
}
