package dev.unbind.engine.jcstress;

import java.util.Locale;
import java.util.Optional;

/**
 * One JCStress test case of the jar (a case, so that it is not taken for a test of this project),
 * as the engine maps it onto the result model.
 *
 * <p>The mapping is a convention of the tests, not a guess: every test's {@code @Description}
 * starts with the variant id followed by {@code " | "} ({@code drm.quiesced | ioctl vs remove: ...}),
 * and tests live as nested classes, one per variant, in a class named after the race
 * ({@code dev.unbind.jcstress.drm.IoctlVsRemove.Quiesced}); the race in kebab case
 * ({@code ioctl-vs-remove}) is the scenario of the records, and names the catalogue scenario
 * when one covers the same race.
 *
 * @param name    the test name as JCStress reports it (nested classes joined with {@code .})
 * @param variant the variant id from the description
 * @param race    the kebab-case race name
 */
public record JcstressCase(String name, String variant, String race) {
    static final String SEPARATOR = " | ";

    /** The test, or empty when its description does not start with a variant id and {@code " | "}. */
    public static Optional<JcstressCase> of(String name, String description) {
        if (name == null || description == null) {
            return Optional.empty();
        }
        int bar = description.indexOf(SEPARATOR);
        if (bar <= 0) {
            return Optional.empty();
        }
        String variant = description.substring(0, bar).strip();
        if (!variant.matches("[a-z0-9]+\\.[a-z0-9-]+")) {
            return Optional.empty();
        }
        return Optional.of(new JcstressCase(name, variant, kebab(raceClass(name))));
    }

    /** {@code drm.quiesced ioctl-vs-remove}: the variant and race, what a shard's plan names. */
    public String key() {
        return variant + " " + race;
    }

    /** The family id: what comes before the dot of the variant id. */
    public String family() {
        return variant.substring(0, variant.indexOf('.'));
    }

    /** {@code a.b.IoctlVsRemove.Quiesced} gives {@code IoctlVsRemove}; a top-level test gives its own name. */
    static String raceClass(String name) {
        String[] parts = name.split("[.$]");
        if (parts.length >= 2 && Character.isUpperCase(parts[parts.length - 2].charAt(0))) {
            return parts[parts.length - 2];
        }
        return parts[parts.length - 1];
    }

    /** {@code IoctlVsRemove} gives {@code ioctl-vs-remove}; an acronym stays one word: {@code HPDVsRemove} gives {@code hpd-vs-remove}. */
    static String kebab(String camel) {
        String spaced = camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2");
        return spaced.toLowerCase(Locale.ROOT);
    }
}
