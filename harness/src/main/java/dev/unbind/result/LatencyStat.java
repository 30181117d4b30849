package dev.unbind.result;

/** Latency of one operation over many runs on real threads, in microseconds. */
public record LatencyStat(String op, String situation, long count, double p50us, double p99us, double maxUs) {
}
