package dev.unbind.result;

/**
 * Latency of one operation over many runs on real threads, in microseconds, with a 95%
 * distribution-free interval for each percentile (the order statistics around its rank; the high
 * end is infinite when too few samples lie above it).
 */
public record LatencyStat(String op, String situation, long count, double p50us, double p99us, double maxUs,
                          double p50LowUs, double p50HighUs, double p99LowUs, double p99HighUs) {
    public LatencyStat(String op, String situation, long count, double p50us, double p99us, double maxUs) {
        this(op, situation, count, p50us, p99us, maxUs, p50us, p50us, p99us, p99us);
    }

    /** This p99 over {@code base}'s, with the widest ratio their intervals allow. */
    public Factor p99Over(LatencyStat base) {
        return Factor.ofRanges(p99us, p99LowUs, p99HighUs, base.p99us, base.p99LowUs, base.p99HighUs, "");
    }
}
