package dev.unbind.subjects.misc;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;

/**
 * struct cros_ec_device: the EC as the protocol driver (cros_ec_spi and friends) sets it up,
 * the resource the chardev reaches through its parent. It is devm-allocated by the parent, so it
 * is freed right after the parent's remove returns — after the MFD core has unbound the chardev.
 *
 * <p>What the chardev uses of it: {@link #xfer} (cros_ec_cmd_xfer: the bus transfer under
 * {@code ec_dev->lock}, which sleeps) and {@link #events} (the blocking notifier chain the IRQ
 * thread calls for every MKBP event). Its IRQ is freed (synchronously) by the parent's devres
 * before the struct itself.
 */
final class EcDevice {
    static final Point KZALLOC = Point.fallible("misc.cros_ec.probe.devm_kzalloc");
    /** cros_ec_cmd_xfer: the command is on the bus; the caller sleeps here. */
    static final Point ON_THE_BUS = Point.window("misc.cros_ec.xfer.on-the-bus", "remove").guarding("cros_ec_device");

    final Kernel k;
    final String name;
    /** The devm allocation: freed by the parent's devres. */
    final Cell mem;
    /** ec_dev->lock: serialises commands on the bus. */
    final Mutex lock;
    /** ec_dev->event_notifier. */
    final NotifierChain events;
    /** The EC's interrupt: the threaded handler runs under it; free_irq waits for it. */
    private final Mutex irq;
    private volatile boolean irqEnabled = true;

    private EcDevice(Kernel k, String name, Cell mem) {
        this.k = k;
        this.name = name;
        this.mem = mem;
        this.lock = new Mutex(k, name + ".ec_dev->lock", mem);
        this.events = new NotifierChain(k, name + ".event_notifier", mem);
        this.irq = new Mutex(k, name + ".irq");
    }

    /** The protocol driver's probe: devm_kzalloc the device, devm_request_threaded_irq; null on -ENOMEM. */
    static EcDevice probe(Kernel k, Device parent, String name) {
        Cell mem = parent.devres().kzalloc(KZALLOC, "cros_ec_device");
        if (mem == null) {
            return null;
        }
        EcDevice ec = new EcDevice(k, name, mem);
        // devm: released LIFO, so the IRQ goes before the memory it reads
        parent.devres().add(Callback.builtin("devm free_irq(" + name + ")", ec::freeIrq));
        return ec;
    }

    /** cros_ec_cmd_xfer: a command and its response over the bus; 0 or -errno. */
    int xfer(String what) {
        lock.lock();
        try (Cell.Access bus = mem.enter("cros_ec_cmd_xfer: " + what)) {
            k.at(ON_THE_BUS);
        } finally {
            lock.unlock();
        }
        return 0;
    }

    /** The IRQ thread got an MKBP event: cros_ec_irq_thread → blocking_notifier_call_chain. */
    void raiseEvent() {
        irq.lock();
        try {
            if (!irqEnabled) {
                return;
            }
            mem.touch("cros_ec_get_next_event: read ec_dev->event_data");
            events.call(NotifierChain.MKBP_EVENT);
        } finally {
            irq.unlock();
        }
    }

    /** free_irq: waits for a running handler; no handler runs afterwards. */
    private void freeIrq() {
        irq.lock();
        irqEnabled = false;
        irq.unlock();
    }

    /** A read of the EC's event data, as a notifier callback does it. */
    int eventSize() {
        mem.touch("read ec_dev->event_size");
        return 4;
    }
}
