package dev.unbind.engine.explore;

import dev.unbind.engine.Target;
import dev.unbind.finding.Finding;
import dev.unbind.kernel.Kernel;
import dev.unbind.sched.ControlledScheduler;
import dev.unbind.sched.Decision;
import dev.unbind.sched.ScheduleStrategy;
import dev.unbind.sched.Strategy;
import dev.unbind.subject.Plan;

import java.util.List;

/** One run of a target under the controlled scheduler: deterministic for a given strategy. */
public final class Trial {
    private Trial() {
    }

    /** What a run produced. {@code divergedAt} is -1 unless a given schedule could not be followed. */
    public record Outcome(List<Finding> findings, List<Decision> decisions, int fallibleSteps,
                          List<Throwable> errors, int divergedAt, boolean stuck) {
        public boolean hasError() {
            return !errors.isEmpty() || stuck;
        }

        public List<String> actors() {
            return decisions.stream().map(Decision::actor).toList();
        }
    }

    public static Outcome run(Target t, Strategy strategy) {
        ControlledScheduler sched = new ControlledScheduler(strategy);
        Kernel k = Kernel.builder().scheduler(sched).faults(t.faults()).seed(t.seed()).build();
        Plan plan = t.family().plan(t.variant(), t.scenario(), k);
        k.run(plan.phases());
        if (!sched.stuck()) {
            k.checkQuiescence();
        }
        int diverged = strategy instanceof ScheduleStrategy s ? s.divergedAt() : -1;
        return new Outcome(k.findingList(), sched.decisions(), k.fallibleSteps(), k.errors(), diverged, sched.stuck());
    }

    /** Replays a schedule given as the actor resumed at each decision. */
    public static Outcome replay(Target t, List<String> actors) {
        return run(t, new ScheduleStrategy(actors));
    }
}
