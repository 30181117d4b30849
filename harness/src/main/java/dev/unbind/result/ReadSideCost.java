package dev.unbind.result;

/**
 * What one call of a variant's read side costs, uncontended on one thread: the nanoseconds per
 * call of timed batches (their median, and the fastest and slowest batch).
 *
 * @param call     the call repeated ({@code ioctl(GET_PARAM)})
 * @param calls    calls timed, over every batch
 * @param batches  timed batches
 * @param medianNs ns per call, median over the batches
 * @param minNs    ns per call of the fastest batch
 * @param maxNs    ns per call of the slowest batch
 */
public record ReadSideCost(String call, long calls, int batches, double medianNs, double minNs, double maxNs) {
    /** The engine that measures these: it runs variants but looks for no defect. */
    public static final String ENGINE = "cost";
}
