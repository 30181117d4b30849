package dev.unbind.subject;

import dev.unbind.kernel.Kernel;

import java.util.Objects;
import java.util.function.Function;

/**
 * One version of a protocol: the pre-fix code, a patch as posted, or a corrected fix.
 *
 * @param id          stable id {@code family.variant} ({@code drm.unplug-enter-exit})
 * @param title       one line
 * @param description a short paragraph: what changes and why, and where it comes from
 * @param expect      what it must show
 * @param create      builds the model of this variant on a kernel
 */
public record Variant<M>(String id, String title, String description, Expectation expect,
                         Function<Kernel, M> create) {
    public Variant {
        Objects.requireNonNull(id);
        Objects.requireNonNull(expect);
        Objects.requireNonNull(create);
        if (!id.matches("[a-z0-9]+\\.[a-z0-9-]+")) {
            throw new IllegalArgumentException("variant ids look like family.variant-name: " + id);
        }
    }

    public String family() {
        return id.substring(0, id.indexOf('.'));
    }
}
