package dev.unbind.kernel;

import dev.unbind.fault.FaultPlan;

import java.util.Objects;

/**
 * How a {@link Kernel} is configured: its scheduler (required: the kernel owns the {@link Scheduler}
 * interface, the implementations live in {@code dev.unbind.sched}; {@code Kernels.onThreads()} builds
 * one on real threads), its
 * fault plan and the seed every fault decision derives from, and how many named steps its trace
 * keeps for witnesses.
 */
public final class KernelBuilder {
    Scheduler scheduler;
    FaultPlan plan = FaultPlan.NONE;
    long seed = 1;
    int traceCapacity = 1024;
    SiteFrames siteFrames = SiteFrames.ALL;

    KernelBuilder() {
    }

    public KernelBuilder scheduler(Scheduler s) {
        this.scheduler = Objects.requireNonNull(s);
        return this;
    }

    public KernelBuilder faults(FaultPlan p) {
        this.plan = Objects.requireNonNull(p);
        return this;
    }

    public KernelBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    public KernelBuilder traceCapacity(int n) {
        this.traceCapacity = n;
        return this;
    }

    /** Which sites name their functions of model code ({@link SiteFrames#ALL} by default). */
    public KernelBuilder siteFrames(SiteFrames which) {
        this.siteFrames = Objects.requireNonNull(which);
        return this;
    }

    public Kernel build() {
        if (scheduler == null) {
            throw new IllegalStateException("a kernel needs a scheduler (dev.unbind.sched.Kernels builds one on real threads)");
        }
        return new Kernel(this);
    }
}
