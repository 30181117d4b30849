package dev.unbind.report;

import java.util.Locale;

/** Number formats shared by every format, fixed to {@link Locale#ROOT} so output never depends on the host. */
final class Fmt {
    /** Shown where there is no value. */
    static final String NONE = "–";

    private Fmt() {
    }

    /** Seconds: three decimals (one column reads the same all the way down), none from 1000 s on. */
    static String seconds(double s) {
        if (!Double.isFinite(s) || s < 0) {
            return NONE;
        }
        return String.format(Locale.ROOT, s < 1000 ? "%.3f" : "%.0f", s);
    }

    /** Microseconds: one decimal below 1000 µs. */
    static String micros(double us) {
        if (!Double.isFinite(us) || us < 0) {
            return NONE;
        }
        return String.format(Locale.ROOT, us < 1000 ? "%.1f" : "%.0f", us);
    }

    /** Nanoseconds: the rule of {@link #micros}, one decimal below 1000. */
    static String nanos(double ns) {
        return micros(ns);
    }

    /** {@code part} of {@code whole} in percent with one decimal; {@link #NONE} when whole is 0. */
    static String percent(long part, long whole) {
        if (whole <= 0) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /** {@code a / b} as a factor ({@code ×1.25}). */
    static String factor(double a, double b) {
        if (!(b > 0) || !Double.isFinite(a) || !Double.isFinite(b)) {
            return NONE;
        }
        return String.format(Locale.ROOT, "×%.2f", a / b);
    }

    static String count(long n) {
        return Long.toString(n);
    }
}
