package dev.unbind.subjects.revocable;

import dev.unbind.kernel.IdentitySlots;
import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.device.Driver;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.Misc;
import dev.unbind.subjects.revocable.CrosEc.EcDev;
import dev.unbind.subjects.revocable.CrosEc.EcDevice;


/**
 * drivers/platform/chrome/cros_ec_chardev.c. {@link Mainline} is the driver as it is (what the
 * Oct 19 misc variant runs unchanged), {@link V5} is PATCH v5 7/7 ("Secure cros_ec_device via
 * revocable"), {@link Fixed} the driver for the corrected fs_revocable. The per-file
 * {@code chardev_priv} holds the EC pointer, a notifier block on the EC's event chain, the MKBP
 * event list and the wait queue read() sleeps on.
 */
abstract class CrosEcChardev {
    static final Point MISC_KZALLOC = Point.fallible("revocable.chardev.probe.devm_kzalloc");
    static final Point RPS_KCALLOC = Point.fallible("revocable.chardev.probe.devm_kcalloc");
    static final Point PROVIDER_REF_ACTION = Point.fallible("revocable.chardev.probe.devm_add_action");
    static final Point PRIV_KZALLOC = Point.fallible("revocable.chardev.open.kzalloc");
    static final Point EVENT_KZALLOC = Point.fallible("revocable.chardev.mkbp_event.kzalloc");
    static final Point WAITING_EVENT = Point.window("revocable.chardev.read.waiting-event", "remove")
            .guarding("chardev_priv|cros_ec_device|run");
    /** EC_MKBP_EVENT_KEY_MATRIX: the event type the model's EC raises. */
    static final int MKBP_EVENT_KEY_MATRIX = 0;

    final Kernel k;
    final Module owner;
    final RevocableMisc misc;
    final FileOperations fops;
    final Driver driver;
    private final IdentitySlots<Device, RevocableMiscDevice> drvdata = new IdentitySlots<>();
    private volatile CrosEc parent;
    private volatile boolean registered = true;
    /** The minor of /dev/cros_ec while the device is registered, else -1. */
    volatile int minor = -1;

    CrosEcChardev(Kernel k, Module owner, RevocableMisc misc) {
        this.k = k;
        this.owner = owner;
        this.misc = misc;
        this.fops = new FileOperations("chardev_fops", owner);
        fops.open = this::open;
        fops.read = this::read;
        fops.poll = this::poll;
        fops.unlockedIoctl = this::ioctl;
        fops.compatIoctl = this::ioctl; // CONFIG_COMPAT: the same handler
        fops.release = this::release;
        this.driver = new Driver("cros-ec-chardev", owner, this::probe, this::remove);
    }

    void parent(CrosEc ec) {
        parent = ec;
    }

    /** platform_driver_register has run and module_exit not yet. */
    boolean registered() {
        return registered;
    }

    void unregistered() {
        registered = false;
    }

    /** The misc device of a bound chardev device, or null. */
    RevocableMiscDevice miscdev(Device pdev) {
        return pdev == null ? null : drvdata.get(pdev);
    }

    int probe(Device pdev) {
        EcDev ec = parent.drvdata(); // dev_get_drvdata(pdev->dev.parent)
        ec.mem().touch("dev_get_drvdata(pdev->dev.parent)");
        Cell mem = pdev.devres().kzalloc(MISC_KZALLOC, "miscdevice");
        if (mem == null) {
            return -Errno.ENOMEM;
        }
        RevocableMiscDevice m = new RevocableMiscDevice(mem, "cros_ec", Misc.DYNAMIC_MINOR, fops, pdev.parent());
        int rc = setUpRevocable(pdev, m, ec);
        if (rc != 0) {
            return rc;
        }
        rc = misc.register(m);
        if (rc == 0) {
            drvdata.put(pdev, m); // dev_set_drvdata (remove only ever sees a device whose probe returned 0)
            minor = m.minor(); // the node user space opens by name
        }
        return rc;
    }

    void remove(Device pdev) {
        RevocableMiscDevice m = drvdata.remove(pdev);
        minor = -1;
        if (m != null) { // (null only after an oops in probe, where the kernel would never get here)
            misc.deregister(m);
        }
    }

    int open(Inode inode, File filp) {
        RevocableMiscDevice mdev = filp.privateData();
        mdev.home().touch("read mdev->parent");
        EcDev ec = parent.drvdata(); // dev_get_drvdata(mdev->parent)
        Cell mem = k.kzalloc(PRIV_KZALLOC, "chardev_priv");
        if (mem == null) {
            return -Errno.ENOMEM;
        }
        ChardevPriv priv = new ChardevPriv(k, mem);
        setEcDevAtOpen(priv, ec);
        ec.cmdOffset(); // priv->cmd_offset = ec->cmd_offset
        filp.privateData(priv);
        priv.notifier = new Callback(owner, "cros_ec_chardev_mkbp_event", () -> mkbpEvent(priv));
        ec.ecDev().register(priv.notifier); // blocking_notifier_chain_register(&ec->ec_dev->event_notifier)
        return 0;
    }

    long read(File filp, long count) {
        ChardevPriv priv = filp.privateData();
        EcDevice ecDev = priv.ecDev();
        if (priv.eventMask() != 0) {
            k.at(WAITING_EVENT);
            int err = priv.waitEvent.waitEventInterruptible(() -> wakeWhen(priv));
            if (err != 0) {
                return err;
            }
            Cell event = priv.take();
            if (event == null) {
                return -Errno.ENODEV;
            }
            k.memory().free(event, "cros_ec_chardev_read: kfree(event)");
            return 1;
        }
        k.deref(ecDev, "cros_ec_chardev_read: ec_get_version(priv->ec_dev)").xfer(k, "ec_get_version");
        return count;
    }

    int poll(File filp) {
        ChardevPriv priv = filp.privateData();
        priv.mem.touch("poll_wait(&priv->wait_event)");
        return priv.hasEvents() ? Errno.EPOLLIN | Errno.EPOLLRDNORM : 0;
    }

    long ioctl(File filp, int cmd, long arg) {
        ChardevPriv priv = filp.privateData();
        return switch (Revocable.Cmd.values()[cmd]) {
            case XCMD -> {
                EcDevice d = k.deref(priv.ecDev(), "cros_ec_chardev_ioctl_xcmd: priv->ec_dev");
                d.xfer(k, "cros_ec_chardev_ioctl_xcmd");
                yield 0;
            }
            case RDMEM -> {
                EcDevice d = k.deref(priv.ecDev(), "cros_ec_chardev_ioctl_readmem: priv->ec_dev");
                d.mem.touch("cros_ec_chardev_ioctl_readmem: ec_dev->cmd_readmem");
                yield 0;
            }
            case EVENTMASK -> {
                priv.eventMask(arg);
                yield 0;
            }
        };
    }

    int release(Inode inode, File filp) {
        ChardevPriv priv = filp.privateData();
        EcDevice ecDev = priv.ecDev();
        unregisterNotifier(priv, ecDev);
        for (Cell e = priv.take(); e != null; e = priv.take()) {
            k.memory().free(e, "cros_ec_chardev_release: kfree(event)");
        }
        k.memory().free(priv.mem, "cros_ec_chardev_release: kfree(priv)");
        return 0;
    }

    /** The MKBP notifier: called by the EC's IRQ thread for every event. */
    void mkbpEvent(ChardevPriv priv) {
        EcDevice ecDev = priv.ecDev();
        k.deref(ecDev, "cros_ec_chardev_mkbp_event: ec_dev->event_data.event_type");
        ecDev.mem.touch("cros_ec_chardev_mkbp_event: read ec_dev->event_data");
        long eventBit = 1L << MKBP_EVENT_KEY_MATRIX;
        if ((eventBit & priv.eventMask()) == 0) {
            return; // NOTIFY_DONE
        }
        Cell event = k.kzalloc(EVENT_KZALLOC, "ec_event");
        if (event == null) {
            return;
        }
        ecDev.mem.touch("cros_ec_chardev_mkbp_event: memcpy(event->data, ec_dev->event_data)");
        priv.queue(event);
        priv.waitEvent.wakeUp();
    }

    // ------------------------------------------------------------------ what the variants change

    /** In probe, before misc_register: what the driver tells misc about revocable. */
    abstract int setUpRevocable(Device pdev, RevocableMiscDevice m, EcDev ec);

    /** In open: priv->ec_dev = ec->ec_dev, or not. */
    abstract void setEcDevAtOpen(ChardevPriv priv, EcDev ec);

    /** The condition read() sleeps for. */
    boolean wakeWhen(ChardevPriv priv) {
        return priv.hasEvents();
    }

    /** In release: blocking_notifier_chain_unregister(&ec_dev->event_notifier, &priv->notifier). */
    void unregisterNotifier(ChardevPriv priv, EcDevice ecDev) {
        k.deref(ecDev, "cros_ec_chardev_release: priv->ec_dev").unregister(priv.notifier);
    }

    /** The driver as it is. */
    static final class Mainline extends CrosEcChardev {
        Mainline(Kernel k, Module owner, RevocableMisc misc) {
            super(k, owner, misc);
        }

        @Override
        int setUpRevocable(Device pdev, RevocableMiscDevice m, EcDev ec) {
            return 0;
        }

        @Override
        void setEcDevAtOpen(ChardevPriv priv, EcDev ec) {
            priv.ecDev(ec.ecDev());
        }
    }

    /** PATCH v5 7/7: the EC pointer comes from the try_access callback of every wrapped call. */
    static final class V5 extends CrosEcChardev {
        private final RevocableCore.AsPosted core;

        V5(Kernel k, Module owner, RevocableMisc misc, RevocableCore.AsPosted core) {
            super(k, owner, misc);
            this.core = core;
        }

        /** cros_ec_chardev_rev_try_access. */
        private int tryAccess(RevocableCore.Consumer<?>[] revs, int numRevs, Object data) {
            ChardevPriv priv = (ChardevPriv) data;
            priv.ecDev((EcDevice) core.tryAccess(revs[0])); // BUG (D2): one slot per file, written by every thread's call
            return priv.ecDev() != null ? 0 : -Errno.ENODEV;
        }

        @Override
        int setUpRevocable(Device pdev, RevocableMiscDevice m, EcDev ec) {
            Cell rpsMem = pdev.devres().kzalloc(RPS_KCALLOC, "rps");
            if (rpsMem == null) {
                return -Errno.ENOMEM;
            }
            RevocableMiscDevice.Rps rps = new RevocableMiscDevice.Rps(rpsMem, 1);
            EcDevice ecDev = ec.ecDev();
            ecDev.mem.touch("read ec_dev->revocable_provider");
            rps.set(0, ecDev.provider); // BUG (D10): a bare pointer; misc_open's revocable_alloc kref_gets it later
            m.rps(rps, 1);
            m.frops(new FsRevocable.V5.Operations(owner, this::tryAccess));
            return 0;
        }

        @Override
        void setEcDevAtOpen(ChardevPriv priv, EcDev ec) {
            // BUG (D3, D4): "priv->ec_dev = ec_dev" removed: NULL until the first wrapped call,
            // stale after the last one; compat_ioctl and the MKBP notifier read it all the same
        }
    }

    /** The driver for the corrected fs_revocable: the EC pointer is set once, at open, inside the section. */
    static final class Fixed extends CrosEcChardev {
        private final RevocableCore.Fixed core;

        Fixed(Kernel k, Module owner, RevocableMisc misc, RevocableCore.Fixed core) {
            super(k, owner, misc);
            this.core = core;
        }

        @Override
        int setUpRevocable(Device pdev, RevocableMiscDevice m, EcDev ec) {
            Cell rpsMem = pdev.devres().kzalloc(RPS_KCALLOC, "rps");
            if (rpsMem == null) {
                return -Errno.ENOMEM;
            }
            RevocableMiscDevice.Rps rps = new RevocableMiscDevice.Rps(rpsMem, 1);
            EcDevice ecDev = ec.ecDev();
            ecDev.mem.touch("read ec_dev->revocable_provider");
            RevocableCore.Provider<EcDevice> rp = ecDev.provider;
            core.providerGet(rp); // FIX (D10): the misc device holds a provider reference while registered
            if (pdev.devres().addOrReset(PROVIDER_REF_ACTION, Callback.builtin("revocable_provider_put", () -> core.put(rp))) != 0) {
                return -Errno.ENOMEM;
            }
            rps.set(0, rp);
            m.rps(rps, 1);
            m.frops(new FsRevocableFixed.Operations(owner, this::revoking));
            return 0;
        }

        /** The provider side is revoking: wake the file's sleepers before the grace period. */
        private void revoking(File filp) {
            ChardevPriv priv = filp.privateData();
            priv.gone(true);
            priv.waitEvent.wakeUp();
        }

        @Override
        void setEcDevAtOpen(ChardevPriv priv, EcDev ec) {
            priv.ecDev(ec.ecDev()); // FIX (D2, D3, D4): set once; valid inside every section the fs layer enters
        }

        @Override
        boolean wakeWhen(ChardevPriv priv) {
            return priv.hasEvents() || priv.gone(); // FIX (D6): woken and out of the section before the grace period
        }

        @Override
        int poll(File filp) {
            ChardevPriv priv = filp.privateData();
            if (priv.gone()) {
                return Errno.EPOLLERR | Errno.EPOLLHUP;
            }
            return super.poll(filp);
        }

        @Override
        void unregisterNotifier(ChardevPriv priv, EcDevice ecDev) {
            if (!priv.gone()) { // FIX: a revoked EC's chain died with it (its IRQ was freed before the revoke)
                super.unregisterNotifier(priv, ecDev);
            }
        }
    }
}
