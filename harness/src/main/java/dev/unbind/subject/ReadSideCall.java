package dev.unbind.subject;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Finding;
import dev.unbind.kernel.Kernel;

import java.util.List;

/**
 * One variant's {@link ReadSide} made ready on a kernel of its own: probed, opened and called
 * once. What repeating it may not do is checked here for every user (the cost engine, the JMH
 * benchmark, the tests): break a property or fail ({@link #broken()}), or keep memory
 * ({@link #keptCells()}; the simulated kernel keeps every cell it allocates).
 */
public final class ReadSideCall implements Runnable {
    private final Kernel kernel = Kernels.onThreadsBuilder().traceCapacity(64).build();
    private final String call;
    private final Runnable once;
    private final int allocated;

    /** Prepares {@code variant} of {@code family} and calls once; throws if the call cannot even be made. */
    public ReadSideCall(Family<?> family, String variant) {
        this.call = family.readSide().call();
        this.once = prepare(family, variant, kernel);
        once.run();
        this.allocated = kernel.memory().allocated();
    }

    private static <M> Runnable prepare(Family<M> family, String variant, Kernel k) {
        M model = family.variant(variant).create().apply(k);
        return family.readSide().prepare().apply(k, model);
    }

    /** The call, as reports name it ({@code ioctl(GET_PARAM)}). */
    public String call() {
        return call;
    }

    @Override
    public void run() {
        once.run();
    }

    /** How the calls so far broke (a model error, a finding), or null. */
    public String broken() {
        if (!kernel.errors().isEmpty()) {
            return "the call fails: " + kernel.errors().get(0);
        }
        List<Finding> found = kernel.findingList();
        return found.isEmpty() ? null : "the call breaks a property: " + found.get(0).summary();
    }

    /** Cells allocated since the first call and still kept: 0 for a repeatable call. */
    public int keptCells() {
        return kernel.memory().allocated() - allocated;
    }
}
