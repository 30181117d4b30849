package dev.unbind.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A nightly phase held to its time: run on a thread of its own, waited for until its deadline
 * (and never past the night's end). A phase that is not done by then (a Lincheck check on a
 * loaded machine cannot stop half-way) is interrupted and left behind: what it journaled stays,
 * the night goes on, and its status line says it was cut. Nothing a late phase writes after the
 * end marker changes the verdict of the night that cut it.
 */
final class Bounded {
    private Bounded() {
    }

    /** The phase's own summary line, or a line saying it was cut at {@code deadline}. */
    static String run(long deadline, long nightEnd, Callable<String> phase) {
        long until = Math.min(deadline, Math.max(nightEnd, System.nanoTime()));
        CompletableFuture<String> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                done.complete(phase.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "unbind-phase");
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((th, e) -> { });
        t.start();
        try {
            return done.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy); // a JCStress fork it waits for
            return "cut at its deadline: still running, left behind (what it found so far is journaled)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
