package dev.unbind.engine.explore;

import dev.unbind.engine.Target;
import dev.unbind.fault.FaultSpec;
import dev.unbind.finding.Finding;
import dev.unbind.finding.KasanReport;
import dev.unbind.result.FindingFile;
import dev.unbind.subject.Subjects;

import java.util.List;
import java.util.Optional;

/**
 * Replays a finding file: the same target, faults, seed and schedule under the controlled
 * scheduler, and the finding with the recorded signature. A file without a schedule (from an
 * engine that has none) is first searched for with the explorer.
 */
public final class Repro {
    /** The result of one replay. */
    public record Replay(boolean reproduced, String report, int divergedAt, List<String> schedule, String problem) {
    }

    private final Target target;
    private final FindingFile file;
    private List<String> schedule;

    public Repro(FindingFile file, Subjects subjects) {
        this.file = file;
        Subjects.Selected s = subjects.find(file.variant());
        this.target = new Target(s.family(), file.variant(), file.scenario(), FaultSpec.parse(file.faults()), file.seed());
        if (s.family().scenarios().stream().noneMatch(x -> x.id().equals(file.scenario()))) {
            throw new IllegalArgumentException("finding file names scenario '" + file.scenario() + "', which "
                    + file.variant() + " does not have");
        }
        this.schedule = file.schedule().isEmpty() ? null : file.actors();
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
            return new Replay(false, "", -1, List.of(), "no schedule reproduces this finding");
        }
        Trial.Outcome out = Trial.replay(target, schedule);
        if (out.hasError()) {
            return new Replay(false, "", out.divergedAt(), schedule, "model error: " + out.errors());
        }
        if (out.divergedAt() >= 0) {
            return new Replay(false, "", out.divergedAt(), schedule,
                    "the schedule diverged at decision " + out.divergedAt() + " (the model changed since it was recorded)");
        }
        Optional<Finding> f = matching(out.findings());
        if (f.isEmpty()) {
            return new Replay(false, "", -1, schedule, "the schedule ran but did not reproduce " + file.signature());
        }
        String context = target.variant() + " / " + target.scenario() + (target.faults().isEmpty() ? "" : " / " + target.faults().spec());
        return new Replay(true, KasanReport.render(f.get(), context), -1, schedule, "");
    }

    private Optional<Finding> matching(List<Finding> findings) {
        return findings.stream().filter(f -> f.signature().equals(file.signature())).findFirst();
    }
}
