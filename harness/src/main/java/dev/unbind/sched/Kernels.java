package dev.unbind.sched;

import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.KernelBuilder;

/** Kernels on real threads ({@link ThreadScheduler}): what stress runs and unit tests of primitives use. */
public final class Kernels {
    private Kernels() {
    }

    /** A kernel on real threads with no faults. */
    public static Kernel onThreads() {
        return onThreadsBuilder().build();
    }

    /** A builder whose scheduler is already real threads; faults, seed and trace are left to the caller. */
    public static KernelBuilder onThreadsBuilder() {
        return Kernel.builder().scheduler(new ThreadScheduler());
    }
}
