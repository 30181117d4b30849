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
 * @param histogram the HdrHistogram of the samples, compressed and base64-encoded, so that the runs
 *                  of one situation can be merged before percentiles are read; null in older journals
 */
public record LatencyStat(String op, String situation, long count, double p50us, double p99us, double maxUs,
                          String histogram) {
    public LatencyStat(String op, String situation, long count, double p50us, double p99us, double maxUs) {
        this(op, situation, count, p50us, p99us, maxUs, null);
    }

    /** The stat of a histogram of microseconds, the histogram kept with it. */
    public static LatencyStat of(String op, String situation, Histogram us) {
        ByteBuffer b = ByteBuffer.allocate(us.getNeededByteBufferCapacity());
        int n = us.encodeIntoCompressedByteBuffer(b);
        String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(b.array(), n));
        return new LatencyStat(op, situation, us.getTotalCount(), us.getValueAtPercentile(50),
                us.getValueAtPercentile(99), us.getMaxValue(), encoded);
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
}
