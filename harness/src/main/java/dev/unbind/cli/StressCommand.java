package dev.unbind.cli;

import dev.unbind.engine.stress.StressEngine;
import dev.unbind.fault.FaultPlan;
import dev.unbind.fault.FaultSpec;
import dev.unbind.subject.Subjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code unbind stress <id-glob>... --duration 30s}: real threads with delay injection. */
@Command(name = "stress", mixinStandardHelpOptions = true, description = "Stress the selected variants on real threads with seeded delay injection; "
        + "report time to first detection and race-window coverage.")
final class StressCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "<id-glob>", description = "Variant ids or globs, e.g. 'drm.*'.")
    List<String> globs;

    @Option(names = "--duration", description = "Wall time for the whole selection (default: ${DEFAULT-VALUE}).",
            defaultValue = "30s", converter = DurationConverter.class)
    Duration duration;

    @Option(names = "--out", description = "Results directory (default: ${DEFAULT-VALUE}).", defaultValue = "out/stress")
    Path out;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--workers", description = "Concurrent instances per scenario (default: the number of cores, at least 2).")
    Integer workers;

    @Option(names = "--faults", description = "A fault spec added to every run.")
    String faults;

    @picocli.CommandLine.Mixin
    RunOptions run = new RunOptions();

    private final Main main;

    StressCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        Subjects all = main.subjects();
        List<Subjects.Selected> selected = main.select(globs);
        StressEngine.Options o = StressEngine.Options.of(duration, seed);
        if (workers != null) {
            if (workers < 1) {
                throw new BadInput("--workers must be 1 or more");
            }
            o = new StressEngine.Options(duration, workers, seed, o.hangTimeout(), o.extra());
        }
        if (faults != null) {
            FaultPlan extra = FaultSpec.parse(faults);
            FaultRules.check(extra, selected);
            o = new StressEngine.Options(o.duration(), o.workers(), seed, o.hangTimeout(), extra);
        }
        long start = System.nanoTime();
        long runs;
        try (Workspace ws = Workspace.start(out, "stress", globs, duration, seed, run.coverageOrZero(), all, main.err(), run.verbose);
             Interruption stop = Interruption.install(ws, main.out(), main.err(), () -> Summary.conclude(out, main.out(), run.verbose, null))) {
            runs = new StressEngine(o, ws.catalogue, ws.sink).run(selected);
        }
        main.out().printf("stressed %d variant(s): %d runs in %.1f s%n", selected.size(), runs, (System.nanoTime() - start) / 1e9);
        return Summary.conclude(out, main.out(), run.verbose, null);
    }
}
