package dev.unbind.subjects.revocable;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.RwSem;
import dev.unbind.kernel.device.Bus;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.device.Driver;

import java.util.ArrayList;
import java.util.List;

/**
 * The ChromeOS EC side, the same in every variant: the protocol device's probe (cros_ec_spi →
 * cros_ec_device_alloc, with the provider of PATCH v5 4/7, → cros_ec_register → the cros-ec-dev
 * MFD, collapsed into one device) and the cros-ec-chardev child it adds. Its devres, released
 * after the children are unbound, is LIFO: free_irq, the cros_ec_dev, revoke of the provider,
 * and last the cros_ec_device itself.
 */
final class CrosEc {
    static final Point DEVICE_KZALLOC = Point.fallible("revocable.ec.cros_ec_device_alloc.devm_kzalloc");
    static final Point EC_DEV_KZALLOC = Point.fallible("revocable.ec.cros_ec_dev.devm_kzalloc");
    static final Point REQUEST_IRQ = Point.fallible("revocable.ec.cros_ec_register.request_irq");
    /** A registration step after the chardev child was added (the PD child device). */
    static final Point REGISTER_PD = Point.fallible("revocable.ec.cros_ec_register.register_pd");
    static final Point ON_THE_BUS = Point.window("revocable.ec.cmd_xfer.on-the-bus", "remove")
            .guarding("cros_ec_device");
    static final Point EVENT_READ = Point.window("revocable.ec.irq_thread.event-read", "remove", "close", "open")
            .guarding("cros_ec_device|chardev_priv|cros_ec_chardev_mkbp_event*|module *");

    /** struct cros_ec_device: the revocable resource, devm-allocated on the protocol device. */
    static final class EcDevice {
        final Cell mem;
        /** ec_dev->event_notifier: a blocking notifier chain (its rwsem and list live in mem). */
        private final RwSem chainLock;
        private final List<Callback> chain = new ArrayList<>();
        volatile RevocableCore.Provider<EcDevice> provider;

        EcDevice(Kernel k, Cell mem) {
            this.mem = mem;
            this.chainLock = new RwSem(k, "cros_ec_device.event_notifier", mem);
        }

        /** cros_ec_cmd_xfer: the command is on the bus for a while. */
        void xfer(Kernel k, String caller) {
            try (Cell.Access bus = mem.enter(caller + ": cros_ec_cmd_xfer")) {
                k.at(ON_THE_BUS);
            }
        }

        /** blocking_notifier_chain_register. */
        void register(Callback nb) {
            chainLock.downWrite();
            try {
                mem.touch("blocking_notifier_chain_register");
                chain.add(nb);
            } finally {
                chainLock.upWrite();
            }
        }

        /** blocking_notifier_chain_unregister. */
        void unregister(Callback nb) {
            chainLock.downWrite();
            try {
                mem.touch("blocking_notifier_chain_unregister");
                chain.remove(nb);
            } finally {
                chainLock.upWrite();
            }
        }

        /** blocking_notifier_call_chain. */
        void callChain() {
            chainLock.downRead();
            try {
                mem.touch("blocking_notifier_call_chain");
                for (Callback nb : List.copyOf(chain)) {
                    nb.call();
                }
            } finally {
                chainLock.upRead();
            }
        }
    }

    /** struct cros_ec_dev: the MFD's driver data the chardev reaches through its parent. */
    record EcDev(Cell mem, EcDevice ecDev) {
        public EcDevice ecDev() {
            mem.touch("read ec->ec_dev");
            return ecDev;
        }

        int cmdOffset() {
            mem.touch("read ec->cmd_offset");
            return 0;
        }
    }

    /** The threaded IRQ: free_irq waits for a running handler. */
    private static final class Irq {
        final Mutex desc;
        final EcDevice devId;
        volatile boolean requested = true;

        Irq(Kernel k, EcDevice devId) {
            this.desc = new Mutex(k, "irq_desc(cros_ec)");
            this.devId = devId;
        }
    }

    private final Kernel k;
    private final RevocableCore core;
    private final CrosEcChardev chardev;
    final Device pdev;
    final Driver driver;
    private volatile EcDev drvdata;
    private volatile Irq irq;
    private volatile Device child;

    CrosEc(Kernel k, RevocableCore core, CrosEcChardev chardev) {
        this.k = k;
        this.core = core;
        this.chardev = chardev;
        this.pdev = new Device(k, "cros-ec-spi", k.memory().global("spi_device"), null);
        pdev.initialize(() -> { });
        this.driver = new Driver("cros-ec-spi", null, this::probe, d -> remove());
    }

    /** dev_get_drvdata(pdev->dev.parent) as the chardev sees it. */
    EcDev drvdata() {
        return drvdata;
    }

    /** The bound chardev child, or null. */
    Device child() {
        return child;
    }

    private int probe(Device dev) {
        Cell mem = dev.devres().kzalloc(DEVICE_KZALLOC, "cros_ec_device");
        if (mem == null) {
            return -Errno.ENOMEM;
        }
        EcDevice ecDev = new EcDevice(k, mem);
        ecDev.provider = core.devmProviderAlloc(dev, "cros_ec_device", ecDev);
        if (ecDev.provider == null) {
            return -Errno.ENOMEM;
        }
        Cell ecMem = dev.devres().kzalloc(EC_DEV_KZALLOC, "cros_ec_dev");
        if (ecMem == null) {
            return -Errno.ENOMEM;
        }
        if (k.fails(REQUEST_IRQ)) {
            return -Errno.ENOMEM;
        }
        Irq line = new Irq(k, ecDev);
        irq = line;
        dev.devres().add(Callback.builtin("devm_free_irq", () -> freeIrq(line)));
        drvdata = new EcDev(ecMem, ecDev);
        Device c = new Device(k, "cros-ec-chardev", k.memory().global("platform_device"), dev);
        c.initialize(() -> { });
        child = c;
        if (chardev.registered()) {
            Bus.probe(c, chardev.driver); // a failing child probe does not fail the MFD
        }
        if (k.fails(REGISTER_PD)) {
            Bus.unbind(c); // cros_ec_register's error path: platform_device_unregister(ec_dev->ec)
            child = null;
            return -Errno.ENOMEM;
        }
        return 0;
    }

    /** cros_ec_spi_remove → cros_ec_unregister: the children were unbound first (MFD). */
    private void remove() {
        child = null;
    }

    private void freeIrq(Irq line) {
        line.desc.lock();
        line.requested = false;
        line.desc.unlock();
    }

    /** The EC raised an interrupt: its threaded handler reads the event and calls the chain. */
    void irqThread() {
        Irq line = irq;
        if (line == null) {
            return;
        }
        line.desc.lock();
        try { // (a dying irq thread still lets free_irq go on: irq_thread_dtor)
            if (!line.requested) {
                return;
            }
            EcDevice ecDev = line.devId;
            try (Cell.Access a = ecDev.mem.enter("cros_ec_irq_thread: cros_ec_get_next_event")) {
                k.at(EVENT_READ);
            }
            ecDev.callChain();
        } finally {
            line.desc.unlock();
        }
    }
}
