package dev.unbind.subjects.revocable;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.WaitQueue;
import dev.unbind.subjects.revocable.CrosEc.EcDevice;

import java.util.ArrayList;
import java.util.List;

/**
 * struct chardev_priv of cros_ec_chardev: per open file. It holds the EC pointer, the notifier
 * block on the EC's event chain, the MKBP events queued for read() and the queue read() sleeps
 * on; {@code gone} is the corrected driver's own field.
 */
final class ChardevPriv {
    final Cell mem;
    final WaitQueue waitEvent;
    private final List<Cell> events = new ArrayList<>();
    private volatile EcDevice ecDev;
    private volatile long eventMask;
    private volatile boolean gone;
    volatile Callback notifier;

    ChardevPriv(Kernel k, Cell mem) {
        this.mem = mem;
        this.waitEvent = new WaitQueue(k, "chardev_priv.wait_event", mem);
    }

    EcDevice ecDev() {
        mem.touch("read priv->ec_dev");
        return ecDev;
    }

    void ecDev(EcDevice d) {
        mem.touch("write priv->ec_dev");
        ecDev = d;
    }

    long eventMask() {
        mem.touch("read priv->event_mask");
        return eventMask;
    }

    void eventMask(long m) {
        mem.touch("write priv->event_mask");
        eventMask = m;
    }

    boolean gone() {
        mem.touch("read priv->gone");
        return gone;
    }

    void gone(boolean g) {
        mem.touch("write priv->gone");
        gone = g;
    }

    boolean hasEvents() {
        mem.touch("list_empty(&priv->events)");
        synchronized (events) {
            return !events.isEmpty();
        }
    }

    void queue(Cell event) {
        mem.touch("list_add_tail(&event->node, &priv->events)");
        synchronized (events) {
            events.add(event);
        }
    }

    Cell take() {
        mem.touch("list_del(&event->node)");
        synchronized (events) {
            return events.isEmpty() ? null : events.remove(0);
        }
    }
}
