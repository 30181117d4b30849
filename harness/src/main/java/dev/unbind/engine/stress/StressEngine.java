package dev.unbind.engine.stress;

import dev.unbind.fault.FaultPlan;
import dev.unbind.fault.FaultRule;
import dev.unbind.fault.FaultSpec;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The probabilistic engine: many instances of each scenario on real threads, with seeded delays
 * injected at the family's points to widen race windows, a hang watchdog on every wait, window
 * coverage (was the window reached while the other side was in flight?), latencies of remove and
 * close, and the time to the first detection of each finding. Findings are journaled the moment
 * they are first seen.
 *
 * <p>The duration is split evenly over the (variant, scenario) targets, so every scenario gets
 * its share whatever the others do.
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

    private static final String[] DELAYS = {"yield=1", "spin=300", "park=20us", "park=100us"};

    private final Options options;
    private final Catalogue catalogue;
    private final ResultSink sink;
    private final ThreadScheduler scheduler;

    public StressEngine(Options options, Catalogue catalogue, ResultSink sink) {
        this.options = options;
        this.catalogue = catalogue;
        this.sink = sink;
        this.scheduler = new ThreadScheduler(options.hangTimeout(), Duration.ofMillis(3), 1_000);
    }

    /** Stresses every scenario of every selected variant within the duration; returns runs done. */
    public long run(List<Subjects.Selected> selected) {
        int targets = selected.stream().mapToInt(s -> s.family().scenarios().size()).sum();
        if (targets == 0) {
            return 0;
        }
        long slice = Math.max(1_000_000L, options.duration().toNanos() / targets);
        long runs = 0;
        for (Subjects.Selected s : selected) {
            for (Scenario<?> sc : s.family().scenarios()) {
                if (Thread.currentThread().isInterrupted()) {
                    return runs; // the caller cut this run short: start no more targets
                }
                runs += stress(s.family(), s.variant(), sc, slice);
            }
        }
        return runs;
    }

    private long stress(Family<?> family, Variant<?> variant, Scenario<?> scenario, long sliceNanos) {
        long start = System.nanoTime();
        long deadline = start + sliceNanos;
        WindowCoverage coverage = new WindowCoverage();
        Latencies latencies = new Latencies(Teardown.of(family, scenario));
        AtomicLong runs = new AtomicLong();
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        Map<String, AtomicLong> occurrences = new ConcurrentHashMap<>();
        AtomicReference<String> error = new AtomicReference<>();
        List<FaultPlan> defectPlans = new ArrayList<>();
        for (Defect d : family.defectsOf(variant.id())) {
            if (d.scenario().equals(scenario.id()) && !d.faults().isEmpty()) {
                defectPlans.add(FaultSpec.parse(d.faults()));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "unbind-stress");
            t.setDaemon(true);
            return t;
        });
        for (int w = 0; w < options.workers(); w++) {
            pool.execute(() -> {
                while (System.nanoTime() < deadline && error.get() == null) {
                    long i = runs.incrementAndGet();
                    runOnce(family, variant, scenario, i, defectPlans, coverage, latencies, start, seen, occurrences, error);
                }
            });
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(sliceNanos + options.hangTimeout().toNanos() * 4 + 2_000_000_000L, TimeUnit.NANOSECONDS)) {
                error.compareAndSet(null, "a stress worker did not stop (livelock in a run)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> counts = new TreeMap<>();
        occurrences.forEach((k, v) -> counts.put(k, v.get()));
        String note = String.format("%.0f runs/s; occurrences %s", runs.get() / Math.max(seconds, 1e-9), counts)
                + (error.get() == null ? "" : "; " + error.get());
        sink.run(new RunRecord(ENGINE, family.id(), variant.id(), scenario.id(), "seeded delays at " + family.id() + ".*",
                runs.get(), seconds, error.get() == null ? "ok" : "error", note, coverage.stats(), latencies.stats(), null));
        sink.progress(String.format("  stress %-24s %-30s %7d runs, %d distinct findings", variant.id(), scenario.id(),
                runs.get(), seen.size()));
        return runs.get();
    }

    private void runOnce(Family<?> family, Variant<?> variant, Scenario<?> scenario, long i, List<FaultPlan> defectPlans,
                         WindowCoverage coverage, Latencies latencies, long start, Map<String, Boolean> seen,
                         Map<String, AtomicLong> occurrences, AtomicReference<String> error) {
        long seed = mix(options.seed() * 31 + i);
        FaultPlan faults = plan(family.id(), i, seed, defectPlans);
        Kernel k = Kernel.builder().scheduler(scheduler).faults(faults).seed(seed).traceCapacity(512)
                .siteFrames(SiteFrames.NONE).build(); // thousands of runs a second, most of them with findings on a broken variant: no stack walks
        WindowCoverage.Run cov = coverage.newRun();
        k.listener(cov);
        k.opListener((a, op, rc, nanos) -> {
            latencies.record(op, nanos);
            cov.done(a, op, rc, nanos);
        });
        Plan plan = family.plan(variant.id(), scenario.id(), k);
        k.run(plan.phases());
        if (!k.hangReported()) {
            k.checkQuiescence();
        }
        if (!k.errors().isEmpty()) {
            error.compareAndSet(null, "model error: " + k.errors().get(0));
            return;
        }
        List<Finding> found = k.findingList();
        cov.finish(found);
        for (Finding f : found) {
            Defect d = catalogue.attribute(variant.id(), scenario.id(), f);
            String key = d != null ? d.id() : f.signature();
            occurrences.computeIfAbsent(key, x -> new AtomicLong()).incrementAndGet();
            if (seen.putIfAbsent(key, Boolean.TRUE) == null) { // once per defect (or signature) per scenario
                record(family, variant, scenario, f, d, withoutDelays(faults), seed, (System.nanoTime() - start) / 1e9, i);
            }
        }
    }

    /** Every run gets seeded delays; some also the catalogued plans or a light random failure rate. */
    private FaultPlan plan(String family, long i, long seed, List<FaultPlan> defectPlans) {
        String delay = "delay:" + family + ".*:" + DELAYS[(int) Math.floorMod(seed, DELAYS.length)] + ",p=0.3";
        FaultPlan p = FaultSpec.parse(delay).plus(options.extra());
        int mode = (int) (i % 4);
        if (mode == 2 && !defectPlans.isEmpty()) {
            p = p.plus(defectPlans.get((int) ((i / 4) % defectPlans.size())));
        } else if (mode == 3) {
            p = p.plus(FaultSpec.parse("fail:" + family + ".*:p=0.02"));
        }
        return p;
    }

    private static FaultPlan withoutDelays(FaultPlan p) {
        return new FaultPlan(p.rules().stream().filter(r -> !(r instanceof FaultRule.Delay)).toList());
    }

    private void record(Family<?> family, Variant<?> variant, Scenario<?> scenario, Finding f, Defect d,
                        FaultPlan faults, long seed, double seconds, long run) {
        String context = variant.id() + " / " + scenario.id() + (faults.isEmpty() ? "" : " / " + faults.spec());
        FindingFile file = new FindingFile(FindingFile.FORMAT, variant.id(), scenario.id(), faults.spec(), seed, ENGINE,
                d == null ? null : d.id(), f.kind().name(), f.signature(), f.summary(), List.of(),
                KasanReport.render(f, context));
        sink.finding(new FindingRecord(ENGINE, family.id(), variant.id(), scenario.id(), faults.spec(), seed,
                d == null ? null : d.id(), f, List.of(), seconds, run, null), file);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
