package dev.unbind.sched;

import dev.unbind.fault.FaultPlan;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.kernel.Actor;
import dev.unbind.kernel.HangAbort;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Oops;

import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A kernel driven by threads someone else owns: JCStress actor threads (real threads, with the
 * hang watchdog) or Lincheck's threads (its model checker, with plain spin waits). Each
 * operation runs as a named participant actor, so hang detection and witnesses name it.
 */
public final class ExternalThreads {
    private ExternalThreads() {
    }

    /**
     * A kernel for a JCStress state: real threads, {@code actors} participants expected (so a
     * lone early actor is not called hung), waits longer than {@code hangTimeout} reported hung.
     */
    public static Kernel jcstress(int actors, Duration hangTimeout) {
        return jcstress(actors, hangTimeout, FaultPlan.NONE);
    }

    /** The same, with {@code faults} armed. */
    public static Kernel jcstress(int actors, Duration hangTimeout, FaultPlan faults) {
        Kernel k = Kernel.builder().traceCapacity(256).faults(faults)
                .scheduler(new ThreadScheduler(hangTimeout, Duration.ofMillis(2), 1_000)).build();
        k.expectActors(actors);
        return k;
    }

    /** A kernel for one Lincheck invocation: the model checker owns every thread and switch. */
    public static Kernel lincheck() {
        return Kernel.builder().traceCapacity(256).scheduler(new InlineScheduler())
                .siteFrames(dev.unbind.kernel.SiteFrames.NONE).build(); // its checker would search the stack walk's caches too
    }

    /**
     * Runs {@code body} as participant actor {@code name} on the calling thread and finishes the
     * actor afterwards. A hang or an oops ends the operation and is returned as {@code fallback}.
     */
    public static int as(Kernel k, String name, int fallback, IntSupplier body) {
        Actor a = k.actor(name);
        try {
            return body.getAsInt();
        } catch (HangAbort | Oops ended) {
            return fallback;
        } finally {
            a.finish();
        }
    }

    /** Same, for an operation without a result. */
    public static void as(Kernel k, String name, Runnable body) {
        as(k, name, 0, () -> {
            body.run();
            return 0;
        });
    }

    /** Lets work the actors spawned (kworkers, injected events) run to the end. */
    public static void settle(Kernel k) {
        if (k.scheduler() instanceof ThreadScheduler t) {
            t.awaitAll(k);
        } else if (k.scheduler() instanceof InlineScheduler i) {
            i.runPending();
        }
    }

    /** The most severe kind found so far (in {@link Kind} order), or null. */
    public static Kind worst(Kernel k) {
        List<Finding> all = k.findingList();
        Kind worst = null;
        for (Finding f : all) {
            if (worst == null || f.kind().ordinal() < worst.ordinal()) {
                worst = f.kind();
            }
        }
        return worst;
    }

    /** The outcome word for a run: {@code ok}, or the word of the most severe kind found. */
    public static String outcome(Kernel k) {
        Kind w = worst(k);
        return w == null ? "ok" : w.word();
    }
}
