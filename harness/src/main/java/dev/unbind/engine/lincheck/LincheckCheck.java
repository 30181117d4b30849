package dev.unbind.engine.lincheck;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.util.LoggingLevel;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One Lincheck model-checking check over one variant: the family's facade, the options (pinned
 * sizes, a custom scenario) to check it with, and what it must show.
 *
 * @param variant the variant id the facade drives
 * @param name    the scenario the check pins ({@code ioctl-vs-remove}), or {@link LincheckChecks#RANDOM}
 * @param facade  the facade class with {@code @Operation} and {@code @Validate} methods
 * @param options fresh options for each run (Lincheck options are mutable)
 * @param must    what the check must do
 * @param allowed the catalogued defects a failure may name (it must name one of them); null: any finding is
 *                as good as a pass (an exploration whose findings are journaled, not asserted)
 */
public record LincheckCheck(String variant, String name, Class<?> facade, Supplier<ModelCheckingOptions> options,
                            Must must, Set<String> allowed) {
    /** What a check must do. */
    public enum Must {
        /** Pass: no finding, nothing outside the contract. */
        PASS,
        /** Fail, naming one of the allowed defects. */
        FAIL,
        /** Pass, or fail naming one of the allowed defects (any finding when none are listed). */
        EITHER
    }

    public LincheckCheck {
        Objects.requireNonNull(variant);
        Objects.requireNonNull(name);
        Objects.requireNonNull(facade);
        Objects.requireNonNull(options);
        Objects.requireNonNull(must);
        allowed = allowed == null ? null : Set.copyOf(allowed);
        if (must == Must.FAIL && (allowed == null || allowed.isEmpty())) {
            throw new IllegalArgumentException(variant + "/" + name + ": a check that must fail names what it may find");
        }
    }

    /** A check that must pass. */
    public static LincheckCheck passing(String variant, String name, Class<?> facade, Supplier<ModelCheckingOptions> options) {
        return new LincheckCheck(variant, name, facade, options, Must.PASS, Set.of());
    }

    /** A check that must fail naming one of {@code defects}. */
    public static LincheckCheck finding(String variant, String name, Class<?> facade, Supplier<ModelCheckingOptions> options,
                                       Set<String> defects) {
        return new LincheckCheck(variant, name, facade, options, Must.FAIL, defects);
    }

    /** {@code drm.quiesced/ioctl-vs-remove}. */
    public String displayName() {
        return variant + "/" + name;
    }

    /** Does a failure naming {@code defects} (each finding's candidates, flattened) satisfy the check? */
    public boolean accepts(Set<String> defects) {
        return switch (must) {
            case PASS -> false;
            case FAIL, EITHER -> allowed == null || defects.stream().anyMatch(allowed::contains);
        };
    }

    /** Runs the check: Lincheck's verdict, a {@code LincheckAssertionError} when it fails. */
    public void check() {
        ModelCheckingOptions o = options.get();
        o.logLevel(LoggingLevel.OFF);
        LincheckVariant.set(variant);
        try {
            o.check(facade);
        } finally {
            LincheckVariant.set(null);
        }
    }

    /** What the check must show, for notes. */
    public String expectation() {
        String named = allowed == null ? "anything" : String.join(" or ", new TreeSet<>(allowed));
        return switch (must) {
            case PASS -> "pass";
            case FAIL -> "find " + named;
            case EITHER -> "pass or find " + named;
        };
    }
}
