package dev.unbind.engine.lincheck;

import dev.unbind.kernel.fs.File;

import java.util.function.IntSupplier;

/**
 * A process's fd table holding one fd: a system call takes its file reference atomically with the
 * lookup (fdget) and drops it when it returns (fdput), so a call in flight keeps the file after a
 * concurrent close; close takes the fd out of the table once.
 */
public final class ProcessFd {
    private final File file;
    private boolean closed; // guarded by this

    public ProcessFd(File file) {
        this.file = file;
    }

    /** Runs {@code call} with a file reference held; {@link Answers#BAD_FD} once the fd is closed. */
    public int call(IntSupplier call) {
        if (!fdget()) {
            return Answers.BAD_FD;
        }
        try {
            return call.getAsInt();
        } finally {
            file.put(); // fdput
        }
    }

    /** Takes the fd out of the table: true the first time (the caller then closes the file), false after. */
    public synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    private synchronized boolean fdget() {
        if (closed) {
            return false;
        }
        file.get();
        return true;
    }
}
