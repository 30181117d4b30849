package dev.unbind.engine.stress;

import dev.unbind.fault.FaultPlan;
import dev.unbind.finding.Finding;
import dev.unbind.finding.KasanReport;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.SiteFrames;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.sched.ThreadScheduler;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Family;
import dev.unbind.subject.Plan;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The probabilistic engine: many instances of each scenario on real threads, with seeded delays
 * injected at the family's points to widen race windows ({@link RunPlans}), a hang watchdog on every
 * wait, window coverage (was the window reached while the other side was in flight?), latencies of
 * remove and close, and the time to the first detection of each finding. Findings are journaled the
 * moment they are first seen.
 *
 * <p>Threads outlive runs: each worker has a {@link WorkerTeam} that runs a run's actors on threads it
 * keeps for the whole engine run, so a run costs the model's work rather than thread hand-offs.
 * Each run still gets a fresh kernel and model (building one costs a few microseconds), so no state
 * leaks from one run into the next.
 *
 * <p>The duration is split evenly over the (variant, scenario) targets, so every scenario gets its
 * share whatever the others do.
 */
public final class StressEngine {
    public static final String ENGINE = "stress";

    /**
     * @param duration    wall time for everything selected
     * @param workers     concurrent instances per target
     * @param hangTimeout how long one wait may last before the run is called hung
     * @param extra       a plan added to every run (from --faults)
     */
    public record Options(Duration duration, int workers, long seed, Duration hangTimeout, FaultPlan extra) {
        public static Options of(Duration duration, long seed) {
            return new Options(duration, Math.max(2, Runtime.getRuntime().availableProcessors()), seed,
                    Duration.ofMillis(500), FaultPlan.NONE);
        }
    }

    private final Options options;
    private final Catalogue catalogue;
    private final ResultSink sink;
    private final ThreadScheduler waits;

    public StressEngine(Options options, Catalogue catalogue, ResultSink sink) {
        this.options = options;
        this.catalogue = catalogue;
        this.sink = sink;
        this.waits = new ThreadScheduler(options.hangTimeout(), Duration.ofMillis(3), 1_000);
    }

    /** Stresses every scenario of every selected variant within the duration; returns runs done. */
    public long run(List<Subjects.Selected> selected) {
        return run(selected, f -> false);
    }

    /**
     * The same, except that a target stops at its first finding that is {@code enough} (a
     * benchmark of time to first detection needs no more).
     */
    public long run(List<Subjects.Selected> selected, Predicate<FindingRecord> enough) {
        int targets = selected.stream().mapToInt(s -> s.family().scenarios().size()).sum();
        if (targets == 0) {
            return 0;
        }
        long slice = Math.max(1_000_000L, options.duration().toNanos() / targets);
        WorkerTeam[] teams = new WorkerTeam[options.workers()];
        for (int w = 0; w < teams.length; w++) {
            teams[w] = new WorkerTeam(waits, "unbind-stress-" + (w + 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(teams.length, r -> {
            Thread t = new Thread(r, "unbind-stress");
            t.setDaemon(true);
            return t;
        });
        long runs = 0;
        try {
            for (Subjects.Selected s : selected) {
                for (Scenario<?> sc : s.family().scenarios()) {
                    if (Thread.currentThread().isInterrupted()) {
                        return runs; // the caller cut this run short: start no more targets
                    }
                    runs += stress(new Target(s.family(), s.variant(), sc, enough), slice, pool, teams);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return runs;
    }

    /** One (variant, scenario) target being stressed, and what its runs add up to. */
    private final class Target {
        final Family<?> family;
        final Variant<?> variant;
        final Scenario<?> scenario;
        final RunPlans plans;
        final WindowCoverage coverage = new WindowCoverage();
        final Latencies latencies;
        final AtomicLong runs = new AtomicLong();
        final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> occurrences = new ConcurrentHashMap<>();
        final AtomicReference<String> error = new AtomicReference<>();
        final Predicate<FindingRecord> enough;
        volatile boolean done;
        long start;

        Target(Family<?> family, Variant<?> variant, Scenario<?> scenario, Predicate<FindingRecord> enough) {
            this.enough = enough;
            this.family = family;
            this.variant = variant;
            this.scenario = scenario;
            this.plans = new RunPlans(family, variant.id(), scenario.id(), options.extra());
            this.latencies = new Latencies(Teardown.of(family, scenario));
        }
    }

    private long stress(Target t, long sliceNanos, ExecutorService pool, WorkerTeam[] teams) {
        t.start = System.nanoTime();
        long deadline = t.start + sliceNanos;
        CountDownLatch done = new CountDownLatch(teams.length);
        for (WorkerTeam team : teams) {
            pool.execute(() -> {
                try {
                    while (System.nanoTime() < deadline && t.error.get() == null && !t.done) {
                        runOnce(t, team, t.runs.incrementAndGet());
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            if (!done.await(sliceNanos + options.hangTimeout().toNanos() * 4 + 2_000_000_000L, TimeUnit.NANOSECONDS)) {
                t.error.compareAndSet(null, "a stress worker did not stop (livelock in a run)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - t.start) / 1e9;
        long runs = t.runs.get();
        Map<String, Long> counts = new TreeMap<>();
        t.occurrences.forEach((k, v) -> counts.put(k, v.get()));
        String note = String.format("%.0f runs/s; occurrences %s", runs / Math.max(seconds, 1e-9), counts)
                + (t.error.get() == null ? "" : "; " + t.error.get());
        sink.run(new RunRecord(ENGINE, t.family.id(), t.variant.id(), t.scenario.id(), "seeded delays at " + t.family.id() + ".*",
                runs, seconds, t.error.get() == null ? "ok" : "error", note, t.coverage.stats(), t.latencies.stats(), null));
        sink.progress(String.format("  stress %-24s %-30s %7d runs, %d distinct findings", t.variant.id(), t.scenario.id(),
                runs, t.seen.size()));
        return runs;
    }

    private void runOnce(Target t, WorkerTeam team, long i) {
        long seed = mix(options.seed() * 31 + i);
        FaultPlan faults = t.plans.of(i, seed);
        Kernel k = Kernel.builder().scheduler(team).faults(faults).seed(seed).traceCapacity(512)
                .siteFrames(SiteFrames.NONE).build(); // thousands of runs a second, most of them with findings on a broken variant: no stack walks
        WindowCoverage.Run cov = t.coverage.newRun();
        k.listener(cov);
        k.opListener((a, op, rc, nanos) -> {
            t.latencies.record(op, nanos);
            cov.done(a, op, rc, nanos);
        });
        Plan plan = t.family.plan(t.variant.id(), t.scenario.id(), k);
        k.run(plan.phases());
        if (!k.hangReported()) {
            k.checkQuiescence();
        }
        if (!k.errors().isEmpty()) {
            t.error.compareAndSet(null, "model error: " + k.errors().get(0));
            return;
        }
        List<Finding> found = k.findingList();
        cov.finish(found);
        for (Finding f : found) {
            Defect d = catalogue.attribute(t.variant.id(), t.scenario.id(), f);
            String key = d != null ? d.id() : f.signature();
            t.occurrences.computeIfAbsent(key, x -> new AtomicLong()).incrementAndGet();
            if (t.seen.putIfAbsent(key, Boolean.TRUE) == null) { // once per defect (or signature) per scenario
                record(t, f, d, RunPlans.withoutDelays(faults), seed, (System.nanoTime() - t.start) / 1e9, i);
            }
        }
    }

    private void record(Target t, Finding f, Defect d, FaultPlan faults, long seed, double seconds, long run) {
        FindingRecord r = new FindingRecord(ENGINE, t.family.id(), t.variant.id(), t.scenario.id(), faults.spec(), seed,
                d == null ? null : d.id(), f, List.of(), seconds, run, null);
        String context = t.variant.id() + " / " + t.scenario.id() + (faults.isEmpty() ? "" : " / " + faults.spec());
        FindingFile file = new FindingFile(FindingFile.FORMAT, t.variant.id(), t.scenario.id(), faults.spec(), seed, ENGINE,
                d == null ? null : d.id(), f.kind().name(), f.signature(), f.summary(), List.of(),
                KasanReport.render(f, context));
        sink.finding(r, file);
        if (t.enough.test(r)) {
            t.done = true;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
