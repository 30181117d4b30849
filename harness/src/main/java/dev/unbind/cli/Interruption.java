package dev.unbind.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * What SIGINT (Ctrl-C) and SIGTERM (a CI timeout, {@code kill}) do to a command that runs engines:
 * one line on the console, the journal's end marker saying which signal stopped the run, the
 * processes it started (JCStress's forked JVMs) ended, the reports of what ran written and marked
 * INCOMPLETE, and exit code 4 (1 if what ran already failed). A second signal while that happens
 * stops at once. A kill -9 leaves no end marker: {@code unbind report} then says INCOMPLETE too.
 */
final class Interruption implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Workspace workspace;
    private final PrintStream err;
    private final IntSupplier conclude;
    private final IntConsumer exit;
    private final long started = System.nanoTime();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Object> previous = new ArrayList<>();

    /**
     * @param conclude writes the reports and prints the verdicts, returns the exit code
     * @param exit     ends the process with a code ({@code Runtime.halt} in production)
     */
    Interruption(Workspace workspace, PrintStream err, IntSupplier conclude, IntConsumer exit) {
        this.workspace = workspace;
        this.err = err;
        this.conclude = conclude;
        this.exit = exit;
    }

    /** Handles SIGINT and SIGTERM until closed; where the JVM offers no signal handling, does nothing. */
    static Interruption install(Workspace workspace, PrintStream out, PrintStream err, IntSupplier conclude) {
        Interruption i = new Interruption(workspace, err, conclude, code -> {
            out.flush();
            err.flush();
            Runtime.getRuntime().halt(code);
        });
        try {
            for (String s : SIGNALS) {
                i.previous.add(sun.misc.Signal.handle(new sun.misc.Signal(s), sig -> i.exit.accept(i.stop("SIG" + sig.getName()))));
            }
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // no signal handling here: the default (the JVM exits, the journal keeps what was found) stays
        }
        return i;
    }

    /**
     * Stops the run because of {@code signal}: returns the exit code, after the reports are written.
     * A second call while the first is at work returns 130 at once (the user insists).
     */
    int stop(String signal) {
        if (!stopping.compareAndSet(false, true)) {
            return 130;
        }
        double secs = (System.nanoTime() - started) / 1e9;
        err.printf("unbind: %s after %.1f s: stopping; the reports will cover what ran so far and say INCOMPLETE%n", signal, secs);
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        workspace.end(String.format(java.util.Locale.ROOT, "interrupted by %s after %.1f s", signal, secs));
        try {
            return conclude.getAsInt();
        } catch (RuntimeException e) {
            err.println("unbind: could not write the reports: " + e.getMessage());
            return 4;
        }
    }

    @Override
    public void close() {
        if (previous.size() == SIGNALS.length) {
            for (int k = 0; k < SIGNALS.length; k++) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(SIGNALS[k]), (sun.misc.SignalHandler) previous.get(k));
                } catch (IllegalArgumentException e) {
                    // leave it
                }
            }
        }
    }
}
