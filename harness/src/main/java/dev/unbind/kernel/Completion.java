package dev.unbind.kernel;


import java.util.concurrent.atomic.AtomicInteger;

/**
 * struct completion.
 *
 * <p>Rules:
 * <ol>
 *   <li>{@link #waitForCompletion()} is uninterruptible: if nobody ever completes, the waiter hangs
 *       and no signal helps (the scheduler reports it).</li>
 *   <li>Each {@link #complete()} lets one waiter through; {@link #completeAll()} lets all through
 *       from then on.</li>
 *   <li>The timed and killable waits return 0 when they gave up.</li>
 * </ol>
 */
public final class Completion {
    private static final int ALL = Integer.MAX_VALUE / 2;

    private final Kernel kernel;
    private final String name;
    private final String completeLabel;
    private final String completeAllLabel;
    private final String waitForCompletionLabel;
    private final String waitForCompletionTimeoutLabel;
    private final String waitForCompletionKillableLabel;
    private final Cell home;
    private final AtomicInteger done = new AtomicInteger();
    private final Wait completed;

    public Completion(Kernel kernel, String name, Cell home) {
        this.kernel = kernel;
        this.name = name;
        this.completeLabel = "complete(" + name + ")";
        this.completeAllLabel = "complete_all(" + name + ")";
        this.waitForCompletionLabel = "wait_for_completion(" + name + ")";
        this.waitForCompletionTimeoutLabel = "wait_for_completion_timeout(" + name + ")";
        this.waitForCompletionKillableLabel = "wait_for_completion_killable(" + name + ")";
        this.home = home;
        this.completed = Wait.of(waitForCompletionLabel, () -> done.get() > 0);
    }

    /** complete. */
    public void complete() {
        touch(completeLabel);
        done.updateAndGet(d -> d >= ALL ? d : d + 1);
        kernel.progress();
    }

    /** complete_all. */
    public void completeAll() {
        touch(completeAllLabel);
        done.set(ALL);
        kernel.progress();
    }

    /** reinit_completion. */
    public void reinit() {
        done.set(0);
    }

    /** completion_done: true if a wait would not block. */
    public boolean isDone() {
        return done.get() > 0;
    }

    /** wait_for_completion (uninterruptible). */
    public void waitForCompletion() {
        touch(waitForCompletionLabel);
        while (!consume()) {
            kernel.block(completed, WaitMode.UNINTERRUPTIBLE, -1);
        }
    }

    /** wait_for_completion_timeout: 1 if completed, 0 on timeout (kernel milliseconds). */
    public long waitTimeout(long timeoutMs) {
        touch(waitForCompletionTimeoutLabel);
        while (!consume()) {
            if (kernel.block(completed, WaitMode.UNINTERRUPTIBLE, timeoutMs) == WaitOutcome.TIMED_OUT) {
                return 0;
            }
        }
        return 1;
    }

    /** wait_for_completion_killable: 0, or -ERESTARTSYS on a fatal signal. */
    public int waitKillable() {
        touch(waitForCompletionKillableLabel);
        while (!consume()) {
            if (kernel.block(completed, WaitMode.KILLABLE, -1) == WaitOutcome.SIGNALLED) {
                return -Errno.ERESTARTSYS;
            }
        }
        return 0;
    }

    private boolean consume() {
        while (true) {
            int d = done.get();
            if (d == 0) {
                return false;
            }
            if (d >= ALL || done.compareAndSet(d, d - 1)) {
                return true;
            }
        }
    }

    private void touch(String what) {
        if (home != null) {
            home.touch(what);
        }
    }
}
