package dev.unbind.result;

import java.util.List;

/**
 * What one call of a variant's read side costs, uncontended on one thread: the nanoseconds per
 * call of timed batches (their median, the fastest and slowest batch, and every batch in the order
 * taken: batch {@code i} of every variant of a run was timed in the same round).
 *
 * @param call     the call repeated ({@code ioctl(GET_PARAM)})
 * @param calls    calls timed, over every batch
 * @param batches  timed batches
 * @param medianNs ns per call, median over the batches
 * @param minNs    ns per call of the fastest batch
 * @param maxNs    ns per call of the slowest batch
 * @param batchNs  ns per call of each batch, in round order (empty in journals older than the field)
 * @param batchMs  the wall time of one batch, in milliseconds
 */
public record ReadSideCost(String call, long calls, int batches, double medianNs, double minNs, double maxNs,
                           List<Double> batchNs, double batchMs) {
    /** The engine that measures these: it runs variants but looks for no defect. */
    public static final String ENGINE = "cost";

    /** Batches shorter than this measure the timer and the JIT more than the call. */
    public static final double MIN_BATCH_MS = 5;

    public ReadSideCost {
        batchNs = batchNs == null ? List.of() : List.copyOf(batchNs);
    }

    public ReadSideCost(String call, long calls, int batches, double medianNs, double minNs, double maxNs) {
        this(call, calls, batches, medianNs, minNs, maxNs, List.of(), 0);
    }

    /**
     * This figure over {@code base}'s (the family's first variant): the median of the per-round
     * ratios with its interval ({@link Factor#pairedRatio}); within noise when the interval holds 1
     * or the batches were too short for the budget.
     */
    public Factor over(ReadSideCost base) {
        if (batchNs.isEmpty() || base.batchNs.isEmpty()) {
            // an older journal: only the fastest and slowest batch are known, so the widest ratio they allow
            return Factor.ofRanges(medianNs, minNs, maxNs, base.medianNs, base.minNs, base.maxNs, "");
        }
        String tooLittle = Math.min(batchMs, base.batchMs) < MIN_BATCH_MS
                ? String.format(java.util.Locale.ROOT, "batches of %.1f ms are too short (the budget gave less than %.0f ms each)",
                Math.min(batchMs, base.batchMs), MIN_BATCH_MS)
                : "";
        return Factor.pairedRatio(batchNs.stream().mapToDouble(Double::doubleValue).toArray(),
                base.batchNs.stream().mapToDouble(Double::doubleValue).toArray(), tooLittle);
    }
}
