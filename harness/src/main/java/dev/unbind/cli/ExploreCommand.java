package dev.unbind.cli;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
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

/** {@code unbind explore <id-glob>...}: the deterministic explorer over the selected variants. */
@Command(name = "explore", mixinStandardHelpOptions = true, description = "Explore interleavings and fail-nth plans deterministically; "
        + "write replayable finding files and the reports.")
final class ExploreCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "<id-glob>", description = "Variant ids or globs, e.g. 'drm.*'.")
    List<String> globs;

    @Option(names = "--out", description = "Results directory (default: ${DEFAULT-VALUE}).", defaultValue = "out/explore")
    Path out;

    @Option(names = "--seed", description = "Seed for fault decisions (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--preemptions", description = "Preemptive switches per schedule (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int preemptions;

    @Option(names = "--fault-preemptions", description = "Preemptive switches per schedule in the fail-nth sweep (default: ${DEFAULT-VALUE}).",
            defaultValue = "2")
    int faultPreemptions;

    @Option(names = "--no-fail-nth", description = "Skip the fail-nth sweep.")
    boolean noFailNth;

    @Option(names = "--faults", description = "Also explore every scenario under this fault spec.")
    String faults;

    @Option(names = "--budget", description = "Stop after this long (e.g. 2m); unexplored targets are reported incomplete.",
            converter = DurationConverter.class)
    Duration budget;

    @picocli.CommandLine.Mixin
    RunOptions run = new RunOptions();

    private final Main main;

    ExploreCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        Subjects all = main.subjects();
        List<Subjects.Selected> selected = main.select(globs);
        if (preemptions < 0 || faultPreemptions < 0) {
            throw new BadInput("preemption bounds must be 0 or more");
        }
        ExploreOptions options = new ExploreOptions(preemptions, faultPreemptions, 20_000, !noFailNth,
                budget == null ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos());
        if (faults != null) {
            FaultPlan extra = FaultSpec.parse(faults);
            FaultRules.check(extra, selected);
            options = options.withExtraPlan(extra);
        }
        long start = System.nanoTime();
        try (Workspace ws = Workspace.start(out, "explore", globs, budget, seed, run.coverageOrZero(), all, main.err(), run.verbose);
             Interruption stop = Interruption.install(ws, main.out(), main.err(), () -> Summary.conclude(out, main.out(), run.verbose, null))) {
            Explorer explorer = new Explorer(options, ws.catalogue, ws.sink);
            for (Subjects.Selected s : selected) {
                Explorer.Summary sum = explorer.explore(s.family(), s.variant(), seed);
                main.err().printf("explore: %-36s %6d schedules, %3d findings, %5.1f s%s%n", s.id(), sum.schedules(), sum.findings(),
                        sum.seconds(), sum.complete() ? "" : " (incomplete)");
            }
        }
        main.out().printf("explored %d variant(s) in %.1f s%n", selected.size(), (System.nanoTime() - start) / 1e9);
        return Summary.conclude(out, main.out(), run.verbose, null);
    }
}
