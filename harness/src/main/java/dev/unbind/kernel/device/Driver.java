package dev.unbind.kernel.device;

import dev.unbind.kernel.Module;

import java.util.Objects;

/**
 * struct device_driver: probe and remove, as code owned by a module.
 *
 * @param name   driver name
 * @param owner  the module whose text holds probe/remove (null for built-in)
 * @param probe  returns 0 or a negative errno
 * @param remove the remove callback (void in the kernel since 6.x)
 */
public record Driver(String name, Module owner, Probe probe, Remove remove) {
    public Driver {
        Objects.requireNonNull(name);
        Objects.requireNonNull(probe);
        Objects.requireNonNull(remove);
    }

    /** The probe callback. */
    @FunctionalInterface
    public interface Probe {
        int probe(Device dev);
    }

    /** The remove callback. */
    @FunctionalInterface
    public interface Remove {
        void remove(Device dev);
    }
}
