package dev.unbind.engine.jcstress;

/**
 * How the generated JCStress tests are named, in one place for the generator that writes them and
 * the engine that selects them: {@code dev.unbind.jcstress.<family>.<Scenario>.<Variant>}, the
 * scenario and the variant (without its family) in upper camel case
 * ({@code dev.unbind.jcstress.drm.IoctlVsRemove.UnplugEnterExit}).
 */
public final class JcstressNames {
    /** The package of every generated test; the family id follows. */
    public static final String PACKAGE = "dev.unbind.jcstress";

    private JcstressNames() {
    }

    /** {@code dev.unbind.jcstress.drm}. */
    public static String packageOf(String family) {
        return PACKAGE + "." + family;
    }

    /** {@code ioctl-vs-remove} gives {@code IoctlVsRemove}. */
    public static String className(String scenario) {
        return camel(scenario, true);
    }

    /** {@code drm.unplug-enter-exit} gives {@code UnplugEnterExit}. */
    public static String stateName(String variant) {
        return camel(variant.substring(variant.indexOf('.') + 1), true);
    }

    /** {@code old-fd} gives {@code oldFd}: an actor method's name. */
    public static String methodName(String actor) {
        return camel(actor, false);
    }

    /** The test's name as JCStress reports it (nested classes joined with a dot). */
    public static String test(String family, String scenario, String variant) {
        return packageOf(family) + "." + className(scenario) + "." + stateName(variant);
    }

    private static String camel(String kebab, boolean upperFirst) {
        StringBuilder b = new StringBuilder();
        boolean up = upperFirst;
        for (char c : kebab.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                up = b.length() > 0 || upperFirst;
                continue;
            }
            b.append(up ? Character.toUpperCase(c) : Character.toLowerCase(c));
            up = false;
        }
        if (b.length() == 0 || !Character.isJavaIdentifierStart(b.charAt(0))) {
            b.insert(0, upperFirst ? 'S' : 's');
        }
        return b.toString();
    }
}
