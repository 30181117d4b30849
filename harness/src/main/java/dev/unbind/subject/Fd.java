package dev.unbind.subject;

import dev.unbind.kernel.fs.File;

import java.util.function.Consumer;

/**
 * An fd that a scenario's setup may or may not have managed to open (fault injection can make
 * any setup step fail); later actors use it only if it is there, as user space would.
 */
public final class Fd {
    private volatile File file;

    public void set(File f) {
        file = f;
    }

    public File get() {
        return file;
    }

    /** Runs {@code action} with the file, if there is one. */
    public void use(Consumer<File> action) {
        File f = file;
        if (f != null) {
            action.accept(f);
        }
    }
}
