package dev.unbind.engine.lincheck;

/**
 * The variant the running Lincheck check is about. Lincheck builds its test object with the
 * class's no-argument constructor, once per invocation; a family's facade reads the variant from
 * here instead of needing one subclass per variant. Set by {@link LincheckCheck#check()} for the
 * length of one check; checks run one at a time (two Lincheck checks cannot share a JVM).
 */
public final class LincheckVariant {
    private static volatile String current;

    private LincheckVariant() {
    }

    /** The variant id of the check running now. */
    public static String current() {
        String v = current;
        if (v == null) {
            throw new IllegalStateException("no Lincheck check is running: run facades through LincheckCheck.check()");
        }
        return v;
    }

    static void set(String variant) {
        current = variant;
    }
}
