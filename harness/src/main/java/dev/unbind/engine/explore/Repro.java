package dev.unbind.engine.explore;

import dev.unbind.engine.Target;
import dev.unbind.fault.FaultSpec;
import dev.unbind.finding.Finding;
import dev.unbind.finding.KasanReport;
import dev.unbind.result.FindingFile;
import dev.unbind.sched.Decision;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Subjects;

import java.util.List;
import java.util.Optional;

/**
 * Replays a finding file: the same target, faults, seed and schedule under the controlled
 * scheduler, and the finding with the recorded signature. A file without a schedule (from an
 * engine that has none) is first searched for with the explorer. A file that has neither a
 * schedule nor sites in its signature (Lincheck and JCStress name only the kind and the defect)
 * is replayed through its catalogued defect: the explorer's schedule of the defect's own
 * scenario and faults that shows that defect.
 */
public final class Repro {
    /** The result of one replay; {@code finding} is the reproduced finding, null when not reproduced. */
    public record Replay(boolean reproduced, String report, int divergedAt, List<String> schedule, String problem,
                         Finding finding) {
    }

    private final Target target;
    private final FindingFile file;
    /** The catalogued defect the replay must show, when the file's signature names no site; else null. */
    private final Defect throughDefect;
    private List<String> schedule;

    public Repro(FindingFile file, Subjects subjects) {
        this.file = file;
        Subjects.Selected s = subjects.find(file.variant());
        this.throughDefect = file.schedule().isEmpty() && !namesASite(file.signature()) ? defect(s, file) : null;
        String scenario = throughDefect == null ? file.scenario() : throughDefect.scenario();
        String faults = throughDefect == null ? file.faults() : throughDefect.faults();
        this.target = new Target(s.family(), file.variant(), scenario, FaultSpec.parse(faults), file.seed());
        if (s.family().scenarios().stream().noneMatch(x -> x.id().equals(scenario))) {
            throw new IllegalArgumentException("finding file names scenario '" + scenario + "', which "
                    + file.variant() + " does not have");
        }
        this.schedule = file.schedule().isEmpty() ? null : file.actors();
    }

    /** {@code KIND|object|role=what...}: a signature with no object and no site says only the kind. */
    private static boolean namesASite(String signature) {
        return signature.contains("=");
    }

    private static Defect defect(Subjects.Selected s, FindingFile file) {
        if (file.defect() == null) {
            throw new IllegalArgumentException("this " + file.engine() + " finding has no schedule, no sites and no "
                    + "catalogued defect to replay it through; run its " + file.engine() + " check again: "
                    + file.variant() + " / " + file.scenario());
        }
        return s.family().defects().stream().filter(d -> d.id().equals(file.defect())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("finding file names defect '" + file.defect()
                        + "', which the catalogue of " + file.variant() + " does not have"));
    }

    /** How the file is replayed, for the reader: its own schedule, a search, or its catalogued defect. */
    public String how() {
        if (throughDefect != null) {
            return "a " + file.engine() + " finding of " + throughDefect.id() + ", replayed through the explorer's "
                    + "schedule of that defect's scenario " + target.scenario()
                    + (target.faults().isEmpty() ? "" : " under " + target.faults().spec());
        }
        return file.schedule().isEmpty() ? "a " + file.engine() + " finding, its schedule found by the explorer"
                : "the recorded schedule";
    }

    /** Finds a schedule for a file that has none; false if the bounded search finds none. */
    public boolean locate(ExploreOptions options) {
        if (schedule != null) {
            return true;
        }
        ScheduleSearch search = new ScheduleSearch(target, options.preemptions(), options.maxSchedules(), options);
        search.run((out, prefix) -> {
            if (matching(out.findings()).isPresent()) {
                schedule = out.actors();
                return false;
            }
            return true;
        });
        return schedule != null;
    }

    public Replay replay() {
        if (schedule == null) {
            return new Replay(false, "", -1, List.of(), "no schedule reproduces this finding", null);
        }
        Trial.Outcome out = Trial.replay(target, schedule);
        if (out.hasError()) {
            return new Replay(false, "", out.divergedAt(), schedule, "model error: " + out.errors(), null);
        }
        int diverged = recordedStepsDiverge(out);
        if (diverged >= 0) {
            return new Replay(false, "", diverged, schedule, divergence(out, diverged), null);
        }
        if (out.divergedAt() >= 0) {
            return new Replay(false, "", out.divergedAt(), schedule,
                    "the schedule diverged at decision " + out.divergedAt() + " (the model changed since it was recorded)", null);
        }
        Optional<Finding> f = matching(out.findings());
        if (f.isEmpty()) {
            return new Replay(false, "", -1, schedule, "the schedule ran but did not reproduce "
                    + (throughDefect == null ? file.signature() : throughDefect.id()), null);
        }
        String context = target.variant() + " / " + target.scenario() + (target.faults().isEmpty() ? "" : " / " + target.faults().spec());
        return new Replay(true, KasanReport.render(f.get(), context), -1, schedule, "", f.get());
    }

    /**
     * The first decision at which the replay resumed another actor, or the same actor from another
     * step, than the file recorded (-1 when every recorded step matches): a schedule of a subject
     * that changed since, or a tampered file, is not the race it claims to be even if it still ends
     * in a finding.
     */
    private int recordedStepsDiverge(Trial.Outcome out) {
        List<FindingFile.ScheduledStep> recorded = file.schedule();
        if (recorded.isEmpty() || throughDefect != null) {
            return -1; // no recorded schedule: the explorer found one for this replay
        }
        List<Decision> ran = out.decisions();
        for (int i = 0; i < recorded.size(); i++) {
            if (i >= ran.size()) {
                return i;
            }
            FindingFile.ScheduledStep r = recorded.get(i);
            Decision d = ran.get(i);
            if (!r.actor().equals(d.actor()) || r.step() != null && !r.step().equals(d.step())) {
                return i;
            }
        }
        return -1;
    }

    private String divergence(Trial.Outcome out, int i) {
        FindingFile.ScheduledStep r = file.schedule().get(i);
        String ran = i < out.decisions().size()
                ? out.decisions().get(i).actor() + " from " + out.decisions().get(i).step()
                : "nothing (the run ended after " + out.decisions().size() + " decisions)";
        return "the schedule no longer matches the subject: at decision " + i + " the file resumes " + r.actor()
                + " from " + r.step() + ", the replay resumed " + ran;
    }

    private Optional<Finding> matching(List<Finding> findings) {
        if (throughDefect != null) {
            return findings.stream().filter(throughDefect::matches).findFirst();
        }
        return findings.stream().filter(f -> f.signature().equals(file.signature())).findFirst()
                .or(() -> findings.stream().filter(f -> f.folds(file.signature())).findFirst());
    }
}
