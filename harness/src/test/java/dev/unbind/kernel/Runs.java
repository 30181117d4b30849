package dev.unbind.kernel;

import dev.unbind.finding.Finding;
import dev.unbind.sched.ControlledScheduler;
import dev.unbind.sched.SegmentStrategy;
import dev.unbind.sched.Strategy;
import dev.unbind.sched.ThreadScheduler;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Test helper: build a kernel on a scheduler, run actors, check quiescence, return findings. */
public final class Runs {
    private Runs() {
    }

    public static Kernel controlled(Strategy s) {
        return Kernel.builder().scheduler(new ControlledScheduler(s)).build();
    }

    public static Kernel controlled(String... segments) {
        return controlled(SegmentStrategy.of(segments));
    }

    /** Real threads with a short hang timeout, so a hang test costs milliseconds. */
    public static Kernel threads() {
        return Kernel.builder()
                .scheduler(new ThreadScheduler(Duration.ofSeconds(5), Duration.ofMillis(3), 1_000))
                .build();
    }

    /** Runs one phase of actors, then the quiescence checks. */
    public static List<Finding> run(Kernel k, List<ActorSpec> actors) {
        k.run(List.of(actors));
        k.checkQuiescence();
        if (!k.errors().isEmpty()) {
            throw new AssertionError("model error", k.errors().get(0));
        }
        return k.findingList();
    }

    public static List<Finding> run(Kernel k, Function<Kernel, List<ActorSpec>> program) {
        return run(k, program.apply(k));
    }
}
