package dev.unbind.result;

import java.util.Arrays;
import java.util.Locale;

/**
 * A cost figure over another (a fix's read side over the pre-fix code's, a p99 over the first
 * variant's) with the interval it is known to within. A factor whose interval holds 1, or that
 * was measured on too little, is <em>within noise</em>: reports print it so and never rank it.
 *
 * @param value      the factor's point estimate
 * @param low        the interval's low end
 * @param high       its high end ({@code Double.POSITIVE_INFINITY} when open)
 * @param confidence how often an interval made this way holds the true factor (0.95 = 95%); 0 when
 *                   it is a plain range with no stated confidence
 * @param noise      why the factor is within noise, "" when it is not
 */
public record Factor(double value, double low, double high, double confidence, String noise) {
    public boolean withinNoise() {
        return !noise.isEmpty();
    }

    /** {@code ×1.38 (1.21–1.55)} or {@code within noise: ×1.02 (0.93–1.11)}. */
    public String words() {
        String f = String.format(Locale.ROOT, "×%.2f (%s–%s)", value, num(low), num(high));
        return withinNoise() ? "within noise: " + f : f;
    }

    private static String num(double d) {
        return Double.isInfinite(d) ? "∞" : String.format(Locale.ROOT, "%.2f", d);
    }

    /**
     * The median of paired ratios (batch {@code i} of {@code over} timed right after batch {@code i}
     * of {@code base}, so that a load spike falls on both) and a distribution-free interval for it
     * from their order statistics: the interval between the k-th smallest and k-th largest ratio
     * holds the true median ratio with probability 1 − 2·P(Bin(n, ½) &lt; k), k chosen so that it is
     * at least 95% where n allows.
     */
    static Factor pairedRatio(double[] over, double[] base, String tooLittle) {
        int n = Math.min(over.length, base.length);
        if (n == 0) {
            return new Factor(Double.NaN, Double.NaN, Double.NaN, 0, "not measured");
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = over[i] / base[i];
        }
        Arrays.sort(r);
        double median = n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
        int k = 1;
        while (k + 1 <= n / 2 && 1 - 2 * binomialBelow(n, k + 1) >= 0.95) {
            k++;
        }
        double confidence = 1 - 2 * binomialBelow(n, k);
        double low = r[k - 1];
        double high = r[n - k];
        String noise = !tooLittle.isEmpty() ? tooLittle
                : low <= 1 && 1 <= high ? "the interval holds 1"
                : confidence < 0.9 ? "too few batches for a 90% interval" : "";
        return new Factor(median, low, high, confidence, noise);
    }

    /** A ratio of two figures each known within [lo, hi]: the widest ratio they allow. */
    static Factor ofRanges(double over, double overLo, double overHi, double base, double baseLo, double baseHi, String tooLittle) {
        double low = baseHi > 0 ? overLo / baseHi : Double.NaN;
        double high = baseLo > 0 ? overHi / baseLo : Double.POSITIVE_INFINITY;
        String noise = !tooLittle.isEmpty() ? tooLittle
                : Double.isInfinite(high) || Double.isNaN(low) ? "the interval is open (too few samples)"
                : low <= 1 && 1 <= high ? "the interval holds 1" : "";
        return new Factor(over / base, low, high, 0.95, noise);
    }

    /** P(Bin(n, ½) &lt; k). */
    private static double binomialBelow(int n, int k) {
        double p = 0;
        double c = 1; // C(n, 0)
        for (int i = 0; i < k; i++) {
            p += c;
            c = c * (n - i) / (i + 1);
        }
        return p / Math.pow(2, n);
    }
}
