package dev.unbind.kernel;


import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * wait_queue_head_t with the wait_event family.
 *
 * <p>Rules:
 * <ol>
 *   <li>A sleeper re-checks its condition only when woken: making the condition true without a
 *       {@link #wakeUp()} leaves it asleep (the hang report says the condition is now true, so the
 *       missing wake-up is plain).</li>
 *   <li>{@link #waitEventInterruptible} returns {@code -ERESTARTSYS} on a signal,
 *       {@link #waitEventKillable} on a fatal one; {@link #waitEvent} only on the condition.</li>
 *   <li>The condition is evaluated by the sleeper's own code, as in the kernel macro: it may read
 *       memory, and such reads are accesses like any other.</li>
 * </ol>
 */
public final class WaitQueue {
    private final Kernel kernel;
    private final String name;
    private final Cell home;
    private final AtomicLong wakeups = new AtomicLong();

    public WaitQueue(Kernel kernel, String name, Cell home) {
        this.kernel = kernel;
        this.name = name;
        this.home = home;
    }

    /** wait_event: uninterruptible. */
    public void waitEvent(BooleanSupplier condition) {
        sleep("wait_event", condition, WaitMode.UNINTERRUPTIBLE, -1);
    }

    /** wait_event_interruptible: 0, or -ERESTARTSYS. */
    public int waitEventInterruptible(BooleanSupplier condition) {
        return sleep("wait_event_interruptible", condition, WaitMode.INTERRUPTIBLE, -1) == WaitOutcome.SIGNALLED
                ? -Errno.ERESTARTSYS : 0;
    }

    /** wait_event_killable: 0, or -ERESTARTSYS on a fatal signal. */
    public int waitEventKillable(BooleanSupplier condition) {
        return sleep("wait_event_killable", condition, WaitMode.KILLABLE, -1) == WaitOutcome.SIGNALLED
                ? -Errno.ERESTARTSYS : 0;
    }

    /** wait_event_timeout: 1 if the condition became true, 0 on timeout (kernel milliseconds). */
    public long waitEventTimeout(BooleanSupplier condition, long timeoutMs) {
        return sleep("wait_event_timeout", condition, WaitMode.UNINTERRUPTIBLE, timeoutMs) == WaitOutcome.TIMED_OUT
                ? 0 : 1;
    }

    private WaitOutcome sleep(String how, BooleanSupplier condition, WaitMode mode, long timeoutMs) {
        while (true) {
            touch(how + "(" + name + ")");
            long seen = wakeups.get(); // prepare_to_wait before testing the condition
            if (condition.getAsBoolean()) {
                return WaitOutcome.READY;
            }
            Wait woken = new Wait() {
                @Override
                public boolean ready() {
                    return wakeups.get() != seen;
                }

                @Override
                public String what() {
                    return how + "(" + name + ")";
                }
            };
            WaitOutcome o = kernel.block(woken, mode, timeoutMs);
            if (o != WaitOutcome.READY) {
                return condition.getAsBoolean() ? WaitOutcome.READY : o;
            }
        }
    }

    /** wake_up / wake_up_interruptible / wake_up_all: every sleeper re-checks its condition. */
    public void wakeUp() {
        touch("wake_up(" + name + ")");
        wakeups.incrementAndGet();
        kernel.progress();
    }

    private void touch(String what) {
        if (home != null) {
            home.touch(what);
        }
    }
}
