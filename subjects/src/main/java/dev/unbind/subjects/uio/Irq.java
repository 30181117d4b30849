package dev.unbind.subjects.uio;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Wait;

/**
 * An interrupt line a driver requested itself (devm_request_irq): while a handler is installed,
 * the hardware raising the line runs it. free_irq removes the handler and then waits for a
 * running one to return (synchronize_irq), so no handler runs after free_irq returns.
 */
@dev.unbind.code.Core
final class Irq {
    private final Kernel k;
    private final String name;
    private Callback handler;
    private int running;

    Irq(Kernel k, String name) {
        this.k = k;
        this.name = name;
    }

    /** request_irq. */
    synchronized void request(Callback h) {
        handler = h;
    }

    /** free_irq: no handler runs once this returns. */
    void free() {
        synchronized (this) {
            handler = null;
        }
        k.block(Wait.of("synchronize_irq(" + name + ")", this::idle));
    }

    /** The device raises the line. */
    void raise() {
        Callback h;
        synchronized (this) {
            h = handler;
            if (h == null) {
                return; // nobody requested it: the interrupt is not delivered
            }
            running++;
        }
        try {
            h.call();
        } finally {
            synchronized (this) {
                running--;
            }
        }
    }

    private synchronized boolean idle() {
        return running == 0;
    }
}
