package dev.unbind.result;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.DataFormatException;

/**
 * Latency of one teardown operation over many runs on real threads, in microseconds.
 *
 * @param situation what user space held while the device went away ({@code FD_OPEN},
 *                  {@code READER_BLOCKED}, {@code MAPPING_ALIVE}, {@code NONE}); a scenario id in
 *                  journals written before situations were recorded
 * @param p99LowUs  the low end of the p99's 95% interval (0 in journals older than the field)
 * @param p99HighUs its high end
 * @param histogram the HdrHistogram of the samples, compressed and base64-encoded, so that the runs
 *                  of one situation can be merged before percentiles are read; null in older journals
 */
public record LatencyStat(String op, String situation, long count, double p50us, double p99us, double maxUs,
                          double p99LowUs, double p99HighUs, String histogram) {
    /** Fewer samples than this, and a p99 is the maximum of a handful: no factor is drawn from it. */
    public static final int MIN_SAMPLES = 100;

    public LatencyStat(String op, String situation, long count, double p50us, double p99us, double maxUs) {
        this(op, situation, count, p50us, p99us, maxUs, 0, 0, null);
    }

    /**
     * The stat of a histogram of microseconds, the histogram kept with it. The p99's interval comes
     * from order statistics: the ranks {@code n·0.99 ± 1.96·√(n·0.99·0.01)} hold the true p99 with
     * about 95% probability (normal approximation of the binomial count below it).
     */
    public static LatencyStat of(String op, String situation, Histogram us) {
        ByteBuffer b = ByteBuffer.allocate(us.getNeededByteBufferCapacity());
        int n = us.encodeIntoCompressedByteBuffer(b);
        String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(b.array(), n));
        double count = us.getTotalCount();
        double spread = 1.96 * Math.sqrt(count * 0.99 * 0.01);
        double lo = count == 0 ? 0 : Math.max(0, (count * 0.99 - spread) / count * 100);
        double hi = count == 0 ? 100 : Math.min(100, (count * 0.99 + spread + 1) / count * 100);
        return new LatencyStat(op, situation, us.getTotalCount(), us.getValueAtPercentile(50),
                us.getValueAtPercentile(99), us.getMaxValue(), us.getValueAtPercentile(lo), us.getValueAtPercentile(hi),
                encoded);
    }

    /** The samples, when the journal kept them. */
    public Optional<Histogram> samples() {
        if (histogram == null || histogram.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(histogram)), 0));
        } catch (DataFormatException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Fewer than {@link #MIN_SAMPLES}: its p99 is shown, never compared. */
    public boolean tooFew() {
        return count < MIN_SAMPLES;
    }

    /**
     * This p99 over {@code base}'s (the same operation and situation of the family's first variant),
     * with the widest ratio their intervals allow: within noise when that holds 1, or when either
     * side has too few samples.
     */
    public Factor p99Over(LatencyStat base) {
        String tooFew = tooFew() || base.tooFew() ? "too few samples (under " + MIN_SAMPLES + " on either side)" : "";
        return Factor.ofRanges(p99us, p99LowUs, p99HighUs, base.p99us, base.p99LowUs, base.p99HighUs, tooFew);
    }
}
