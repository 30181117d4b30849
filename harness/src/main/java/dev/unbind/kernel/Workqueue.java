package dev.unbind.kernel;


/**
 * A workqueue. Each queued work item runs in its own kworker actor ({@code kworker:<work>}), so
 * the scheduler interleaves it with everything else, as an unbound workqueue does.
 *
 * <p>Rules:
 * <ol>
 *   <li>{@link #queue(Work)} returns false if the item is already pending.</li>
 *   <li>{@link #flush(Work)} waits until the item is neither pending nor running.</li>
 *   <li>{@link #cancelSync(Work)} removes a pending item and waits for a running one; afterwards
 *       the item does not run unless queued again.</li>
 *   <li>Work functions are driver code: pass a {@link Callback} owned by the driver's module to
 *       have calls into an unloaded module reported.</li>
 * </ol>
 */
public final class Workqueue {
    private final Kernel kernel;
    private final String name;

    public Workqueue(Kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
    }

    /** INIT_WORK. */
    public Work work(String name, Callback fn) {
        return new Work(name, fn);
    }

    /** queue_work. */
    public boolean queue(Work w) {
        synchronized (w) {
            if (w.pending) {
                return false;
            }
            w.pending = true;
            w.cancelled = false;
        }
        kernel.spawn("kworker:" + w.name, () -> {
            synchronized (w) {
                if (w.cancelled || !w.pending) {
                    return;
                }
                w.pending = false;
                w.running++;
            }
            try {
                w.fn.call();
            } finally {
                synchronized (w) {
                    w.running--;
                }
                kernel.progress();
            }
        });
        return true;
    }

    /** flush_work: true if it had to wait. */
    public boolean flush(Work w) {
        boolean idle = w.idle();
        kernel.block(Wait.of("flush_work(" + w.name + ") on " + name, w::idle));
        return !idle;
    }

    /** cancel_work_sync: true if the item was pending. */
    public boolean cancelSync(Work w) {
        boolean wasPending;
        synchronized (w) {
            wasPending = w.pending;
            w.pending = false;
            w.cancelled = true;
        }
        kernel.block(Wait.of("cancel_work_sync(" + w.name + ") on " + name, w::idle));
        return wasPending;
    }

    /** A work_struct. */
    public static final class Work {
        private final String name;
        private final Callback fn;
        private boolean pending;
        private boolean cancelled;
        private int running;

        Work(String name, Callback fn) {
            this.name = name;
            this.fn = fn;
        }

        public synchronized boolean idle() {
            return !pending && running == 0;
        }

        public synchronized boolean pending() {
            return pending;
        }

        public String name() {
            return name;
        }
    }
}
