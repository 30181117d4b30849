package dev.unbind.engine.explore;

import dev.unbind.engine.Target;
import dev.unbind.fault.FaultPlan;
import dev.unbind.fault.FaultSpec;
import dev.unbind.finding.Finding;
import dev.unbind.finding.KasanReport;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.sched.Decision;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Family;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deterministic engine. For a variant it explores, for every scenario: the schedules within
 * the preemption bound without faults; the same under each catalogued defect's fault plan; then a
 * fail-nth sweep over every fallible step the scenario passes. Each distinct finding is shrunk,
 * written as a replayable finding file and journaled at once.
 *
 * <p>A target stops at its first violation when nothing more is wanted from it: for a fixed
 * variant at once (it is a failure), for a defective one once every defect catalogued for that
 * scenario and plan is found. Same input, same answer.
 */
public final class Explorer {
    public static final String ENGINE = "explorer";
    private static final int MAX_FINDINGS_PER_TARGET = 8;

    private final ExploreOptions options;
    private final Catalogue catalogue;
    private final ResultSink sink;

    public Explorer(ExploreOptions options, Catalogue catalogue, ResultSink sink) {
        this.options = options;
        this.catalogue = catalogue;
        this.sink = sink;
    }

    /** What exploring one variant produced. */
    public record Summary(String variant, int schedules, int findings, double seconds, boolean complete) {
    }


    public Summary explore(Family<?> family, Variant<?> variant, long seed) {
        long start = System.nanoTime();
        int schedules = 0;
        int findings = 0;
        boolean complete = true;
        boolean fixed = variant.expect() == Expectation.KEEPS_EVERY_PROPERTY;
        Set<String> recorded = new java.util.HashSet<>(); // per variant: one finding per defect, or per signature
        for (Scenario<?> s : family.scenarios()) {
            List<FaultPlan> plans = new ArrayList<>();
            plans.add(FaultPlan.NONE);
            if (!options.extraPlan().isEmpty()) {
                plans.add(options.extraPlan());
            }
            for (Defect d : family.defectsOf(variant.id())) {
                FaultPlan p = FaultSpec.parse(d.faults());
                if (d.scenario().equals(s.id()) && !p.isEmpty() && !plans.contains(p)) {
                    plans.add(p);
                }
            }
            for (FaultPlan p : plans) {
                TargetResult r = exploreTarget(new Target(family, variant.id(), s.id(), p, seed), options.preemptions(), fixed,
                        recorded);
                schedules += r.schedules;
                findings += r.findings;
                complete &= r.complete;
                sink.run(RunRecord.of(ENGINE, family.id(), variant.id(), s.id(), p.spec(), r.schedules, r.seconds,
                        r.status, r.note));
                if (options.pastDeadline()) {
                    return new Summary(variant.id(), schedules, findings, seconds(start), false);
                }
            }
            if (options.failNthSweep()) {
                TargetResult r = sweep(family, variant, s, seed, fixed, recorded);
                schedules += r.schedules;
                findings += r.findings;
                complete &= r.complete;
                sink.run(RunRecord.of(ENGINE, family.id(), variant.id(), s.id(), "fail-nth sweep", r.schedules,
                        r.seconds, r.status, r.note));
            }
            sink.progress(String.format("  %-24s %-34s %6d schedules, %d findings so far", variant.id(), s.id(),
                    schedules, findings));
            if (options.pastDeadline()) {
                return new Summary(variant.id(), schedules, findings, seconds(start), false);
            }
        }
        return new Summary(variant.id(), schedules, recorded.size(), seconds(start), complete);
    }

    /** The outcome of exploring one target (or one sweep). */
    private record TargetResult(int schedules, int findings, double seconds, boolean complete, String status,
                                String note) {
    }

    private TargetResult sweep(Family<?> family, Variant<?> variant, Scenario<?> s, long seed, boolean fixed,
                               Set<String> recorded) {
        long start = System.nanoTime();
        Trial.Outcome plain = Trial.run(new Target(family, variant.id(), s.id(), FaultPlan.NONE, seed),
                dev.unbind.sched.Strategy.nonPreemptive());
        int steps = plain.fallibleSteps();
        int schedules = 0;
        int findings = 0;
        boolean complete = true;
        String status = "ok";
        for (int n = 1; n <= steps; n++) {
            TargetResult r = exploreTarget(new Target(family, variant.id(), s.id(), FaultPlan.failNth(n), seed),
                    options.faultPreemptions(), fixed, recorded);
            schedules += r.schedules;
            findings += r.findings;
            complete &= r.complete;
            if (!r.status.equals("ok")) {
                status = r.status;
            }
            if (options.pastDeadline()) {
                return new TargetResult(schedules, findings, seconds(start), false, "incomplete",
                        "deadline after fail-nth " + n + " of " + steps);
            }
        }
        return new TargetResult(schedules, findings, seconds(start), complete, status,
                "fail-nth 1.." + steps + " at " + options.faultPreemptions() + " preemption(s)");
    }

    private TargetResult exploreTarget(Target t, int bound, boolean fixed, Set<String> recorded) {
        long start = System.nanoTime();
        Set<String> wanted = new LinkedHashSet<>();
        for (Defect d : catalogue.defectsOf(t.variant())) {
            if (d.scenario().equals(t.scenario()) && FaultSpec.parse(d.faults()).equals(t.faults())) {
                wanted.add(d.id());
            }
        }
        Map<String, Finding> seen = new LinkedHashMap<>();
        Set<String> foundDefects = new LinkedHashSet<>();
        String[] error = new String[1];
        ScheduleSearch search = new ScheduleSearch(t, bound, options.maxSchedules(), options);
        search.run((out, prefix) -> {
            if (out.hasError() || out.divergedAt() >= 0) {
                error[0] = out.stuck() ? "model code ran away from the scheduler"
                        : out.divergedAt() >= 0 ? "replay diverged at decision " + out.divergedAt() + " (nondeterministic model)"
                        : String.valueOf(out.errors().get(0));
                return false;
            }
            for (Finding f : out.findings()) {
                if (seen.size() >= MAX_FINDINGS_PER_TARGET || seen.containsKey(f.signature())) {
                    continue;
                }
                seen.put(f.signature(), f);
                Defect d = catalogue.attribute(t.variant(), t.scenario(), f);
                if (d != null) {
                    foundDefects.add(d.id());
                }
                if (recorded.add(d != null ? d.id() : f.signature())) {
                    record(t, out, f, d, seconds(start), search.schedules());
                }
            }
            if (out.findings().isEmpty()) {
                return true;
            }
            return !(fixed || foundDefects.containsAll(wanted));
        });
        if (error[0] != null) {
            return new TargetResult(search.schedules(), seen.size(), seconds(start), false, "error", error[0]);
        }
        boolean stoppedEarly = !search.exhausted() && !options.pastDeadline() && search.schedules() < options.maxSchedules();
        String status = search.exhausted() || stoppedEarly ? "ok" : "incomplete";
        String note = search.exhausted() ? "exhausted at " + bound + " preemption(s)"
                : stoppedEarly ? "stopped at the first violation" + (wanted.isEmpty() ? "" : "s wanted")
                : search.schedules() >= options.maxSchedules() ? "schedule cap " + options.maxSchedules() + " reached"
                : "deadline";
        return new TargetResult(search.schedules(), seen.size(), seconds(start), status.equals("ok"), status, note);
    }

    private void record(Target t, Trial.Outcome out, Finding f, Defect d, double seconds, int schedules) {
        Trial.Outcome shrunk = ScheduleSearch.shrink(t, out, g -> g.signature().equals(f.signature()));
        Finding witness = shrunk.findings().stream().filter(g -> g.signature().equals(f.signature())).findFirst().orElse(f);
        List<FindingFile.ScheduledStep> schedule = new ArrayList<>();
        for (Decision x : shrunk.decisions()) {
            schedule.add(new FindingFile.ScheduledStep(x.actor(), x.step()));
        }
        String context = t.variant() + " / " + t.scenario() + (t.faults().isEmpty() ? "" : " / " + t.faults().spec());
        FindingFile file = new FindingFile(FindingFile.FORMAT, t.variant(), t.scenario(), t.faults().spec(), t.seed(),
                ENGINE, d == null ? null : d.id(), witness.kind().name(), witness.signature(), witness.summary(),
                schedule, KasanReport.render(witness, context));
        sink.finding(new FindingRecord(ENGINE, t.family().id(), t.variant(), t.scenario(), t.faults().spec(),
                t.seed(), d == null ? null : d.id(), witness, shrunk.actors(), seconds, schedules, null), file);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
