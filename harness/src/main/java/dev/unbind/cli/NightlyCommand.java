package dev.unbind.cli;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.engine.stress.StressEngine;
import dev.unbind.subject.Subjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code unbind nightly --budget 3m --out out/}: every engine over the whole matrix within the
 * budget, then the reports. Engines run one after the other; time an engine does not use goes
 * to the next.
 */
@Command(name = "nightly", description = "Run every engine over every variant within the budget and write the reports.")
final class NightlyCommand implements Callable<Integer> {
    @Option(names = "--budget", description = "Wall-time budget for everything (default: ${DEFAULT-VALUE}).",
            defaultValue = "3m", converter = DurationConverter.class)
    Duration budget;

    @Option(names = "--out", description = "Results directory (default: ${DEFAULT-VALUE}).", defaultValue = "out/nightly")
    Path out;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--subjects", split = ",", description = "Variant globs (default: every variant).", defaultValue = "*")
    List<String> globs;

    private final Main main;

    NightlyCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        if (budget.toSeconds() < 10) {
            throw new BadInput("--budget must be at least 10s");
        }
        Subjects all = main.subjects();
        List<Subjects.Selected> selected = main.select(globs);
        long start = System.nanoTime();
        long end = start + budget.toNanos() - Duration.ofSeconds(2).toNanos(); // keep time for the reports
        try (Workspace ws = Workspace.start(out, "nightly", globs, budget, seed, all, main.err())) {
            long exploreUntil = start + share(start, end, 0.45);
            main.err().println("nightly: explorer until +" + secs(exploreUntil - start) + " s");
            Explorer explorer = new Explorer(ExploreOptions.defaults().withDeadline(exploreUntil), ws.catalogue, ws.sink);
            for (Subjects.Selected s : selected) {
                explorer.explore(s.family(), s.variant(), seed);
            }
            Duration stressFor = Duration.ofNanos(Math.max(1_000_000_000L, end - System.nanoTime()));
            main.err().println("nightly: stress for " + stressFor.toSeconds() + " s");
            new StressEngine(StressEngine.Options.of(stressFor, seed), ws.catalogue, ws.sink).run(selected);
        }
        main.out().printf("nightly finished in %.1f s (budget %d s)%n", (System.nanoTime() - start) / 1e9, budget.toSeconds());
        return Summary.conclude(out, main.out());
    }

    private static long share(long start, long end, double fraction) {
        return (long) ((end - start) * fraction);
    }

    private static long secs(long nanos) {
        return nanos / 1_000_000_000L;
    }
}
