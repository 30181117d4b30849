package dev.unbind.engine.mutate;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.MutationResults.Status;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Family;
import dev.unbind.subject.Subjects;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the explorer on one variant of a family whose classes were loaded again with a
 * change (a mutant), stopped at the first violation: the first finding kills the mutant, and so
 * does model code that throws (the model crashed, as the kernel would oops). A run that ends
 * without either within the time limit is a survivor; one the limit cuts short is timed out.
 * The explorer runs on a thread of its own so that a mutant which never reaches a named point
 * again cannot hold the engine past its limit.
 */
final class MutantRun {
    /** How long past its deadline a run may take to notice it (one schedule, a shrink) before it is abandoned. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "unbind-mutant");
        t.setDaemon(true);
        return t;
    });

    /** What the run showed; {@code finding} is the killing finding's file, if a finding killed it. */
    record Outcome(Status status, String oracle, String scenario, String faults, double seconds, String reason,
                   FindingFile finding) {
    }

    private MutantRun() {
    }

    /** Explores {@code variant} of {@code family} (loaded with the change) for at most {@code limit}. */
    static Outcome explore(Family<?> family, String variant, ExploreOptions options, long seed, Duration limit) {
        Catalogue catalogue = Catalogue.of(Subjects.of(java.util.List.of(family)));
        FirstViolation sink = new FirstViolation();
        long start = System.nanoTime();
        ExploreOptions bounded = options.withDeadline(start + limit.toNanos());
        Future<Explorer.Summary> run = THREADS.submit(() ->
                new Explorer(bounded, catalogue, sink).explore(family, family.variant(variant), seed));
        try {
            Explorer.Summary s = run.get(limit.plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
            double took = seconds(start);
            if (s.complete() || took < limit.toSeconds()) {
                return new Outcome(Status.SURVIVED, null, null, null, took, s.schedules() + " schedules, nothing found", null);
            }
            return new Outcome(Status.TIMED_OUT, null, null, null, took, "explored " + s.schedules() + " schedules", null);
        } catch (TimeoutException e) {
            run.cancel(true);
            return new Outcome(Status.TIMED_OUT, null, null, null, seconds(start), "the run did not stop at its deadline", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FirstViolation.Stop stop) {
                return stop.outcome(seconds(start));
            }
            Throwable t = e.getCause();
            return new Outcome(Status.KILLED, "CRASH", null, null, seconds(start), "building the model threw " + t, null);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** A sink that ends the exploration at the first finding or model error. */
    private static final class FirstViolation implements ResultSink {
        /** Thrown out of the explorer with what stopped it. */
        static final class Stop extends RuntimeException {
            private final transient FindingRecord finding;
            private final transient FindingFile file;
            private final transient RunRecord error;

            Stop(FindingRecord finding, FindingFile file, RunRecord error) {
                super(null, null, false, false);
                this.finding = finding;
                this.file = file;
                this.error = error;
            }

            Outcome outcome(double seconds) {
                if (finding != null) {
                    return new Outcome(Status.KILLED, finding.finding().kind().name(), finding.scenario(), finding.faults(),
                            seconds, finding.finding().summary(), file);
                }
                return new Outcome(Status.KILLED, "CRASH", error.scenario(), error.faults(), seconds,
                        "the model threw: " + error.note(), null);
            }
        }

        @Override
        public FindingRecord finding(FindingRecord f, FindingFile file) {
            throw new Stop(f, file, null);
        }

        @Override
        public void run(RunRecord r) {
            if ("error".equals(r.status())) {
                throw new Stop(null, null, r);
            }
        }

        @Override
        public void progress(String line) {
        }
    }
}
