package dev.unbind.kernel;

import java.util.Objects;

/**
 * A function pointer: code that lives in a module (or in the built-in kernel when the owner is
 * null). Calling it checks that the module is not gone.
 */
public record Callback(Module owner, String name, Runnable code) {
    public Callback {
        Objects.requireNonNull(name);
        Objects.requireNonNull(code);
    }

    public static Callback builtin(String name, Runnable code) {
        return new Callback(null, name, code);
    }

    public void call() {
        if (owner != null) {
            owner.call(name);
        }
        code.run();
    }
}
