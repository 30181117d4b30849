package dev.unbind.engine.lincheck;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One Lincheck model-checking check over one variant: an {@code @Operation} facade class and the
 * options (pinned sizes, a custom scenario) to check it with.
 *
 * @param variant        the variant id the facade drives
 * @param name           a short name for the check ({@code ioctl-vs-unplug}), unique within the variant
 * @param facade         the facade class with {@code @Operation} and {@code @Validate} methods
 * @param options        fresh options for each run (Lincheck options are mutable)
 * @param expectedDefect the catalogued defect id the check must find, or null if it must pass
 */
public record LincheckCheck(String variant, String name, Class<?> facade, Supplier<ModelCheckingOptions> options,
                            String expectedDefect) {
    public LincheckCheck {
        Objects.requireNonNull(variant);
        Objects.requireNonNull(name);
        Objects.requireNonNull(facade);
        Objects.requireNonNull(options);
    }
}
