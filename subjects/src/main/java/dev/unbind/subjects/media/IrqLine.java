package dev.unbind.subjects.media;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;

/**
 * One interrupt line (struct irq_desc) with at most one handler. The handler runs under the
 * descriptor, so free_irq waits for a handler that is running (synchronize_irq) and no handler
 * starts after free_irq returned. Until then the handler may run at any time: the device raises
 * the interrupt, or another device shares the line (CONFIG_DEBUG_SHIRQ fires one at free_irq on
 * purpose).
 */
@dev.unbind.code.Core
final class IrqLine {
    private final Kernel k;
    private final Mutex desc;
    private volatile Callback action;

    IrqLine(Kernel k, String name) {
        this.k = k;
        this.desc = new Mutex(k, "irq_desc(" + name + ")");
    }

    /** devm_request_irq: 0, or -EBUSY; free_irq runs at devres release. */
    int devmRequest(Device dev, Point fallible, Callback handler) {
        if (k.fails(fallible)) {
            return -Errno.EBUSY;
        }
        action = handler;
        dev.devres().add(Callback.builtin("devm_free_irq", this::free));
        return 0;
    }

    /** free_irq: waits for a running handler. */
    void free() {
        desc.lock();
        action = null;
        desc.unlock();
    }

    /** The interrupt fires: handle_irq_event. */
    void raise() {
        desc.lock();
        Callback a = action;
        if (a != null) {
            a.call();
        }
        desc.unlock();
    }
}
