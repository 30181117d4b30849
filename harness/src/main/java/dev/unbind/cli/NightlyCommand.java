package dev.unbind.cli;

import dev.unbind.engine.cost.ReadSideEngine;
import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.engine.jcstress.JcstressEngine;
import dev.unbind.engine.lincheck.LincheckEngine;
import dev.unbind.engine.mutate.MutationEngine;
import dev.unbind.engine.stress.StressEngine;
import dev.unbind.result.MutationResults;
import dev.unbind.result.ResultSink;
import dev.unbind.shard.ShardSpec;
import dev.unbind.subject.Subjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code unbind nightly --budget 3m --out out/}: every engine over the whole matrix within the
 * budget, then the reports. Engines run one after the other, each with a share of what is left
 * ({@link NightlyEngine}); time an engine does not use goes to the next, and stress takes whatever
 * remains. {@code --engines} runs only some of them:
 * <ol>
 *   <li>the read-side cost of every variant (what a fix costs each call) — up to 5%, at most 2 s
 *       per variant; first, so that no other engine has shaped the JIT's profiles yet;</li>
 *   <li>the explorer (deterministic: it proves the catalogue is still found) — up to 35%, shared
 *       equally by the variants;</li>
 *   <li>mutation testing of the corrected variants, only with {@code --engines ...,mutate} — up to
 *       30% (its mutants take minutes);</li>
 *   <li>Lincheck's model checker over every variant's facades — up to 15%;</li>
 *   <li>JCStress — up to 30%; a short budget cannot run every variant's tests, so each night
 *       starts at another variant (a rotation by date) and successive nights cover them all;</li>
 *   <li>stress on real threads — the rest.</li>
 * </ol>
 * With {@code --shard I/N} it runs one shard's part of the matrix instead ({@link ShardNight}); with
 * {@code --history} it keeps the night ({@link HistoryOptions}).
 */
@Command(name = "nightly", mixinStandardHelpOptions = true, description = "Run every engine over every variant within the budget and write the reports.")
final class NightlyCommand implements Callable<Integer> {

    @Option(names = "--budget", description = "Wall-time budget for everything (default: ${DEFAULT-VALUE}).",
            defaultValue = "3m", converter = DurationConverter.class)
    Duration budget;

    @Option(names = "--out", description = "Results directory (default: ${DEFAULT-VALUE}).", defaultValue = "out/nightly")
    Path out;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--engines", split = ",", description = "Engines to run, of ${COMPLETION-CANDIDATES} "
            + "(default: all); the budget is shared by those selected.", defaultValue = "cost,explorer,lincheck,jcstress,stress")
    List<NightlyEngine> engines;

    @Option(names = "--subjects", split = ",", description = "Variant globs (default: every variant).", defaultValue = "*")
    List<String> globs;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run part I of N (1-based) of the matrix: every "
            + "shard partitions it the same way; `merge` joins the shards' results.")
    String shard;

    @Option(names = "--shard-count", paramLabel = "N", description = "Shards, the part taken from $"
            + ShardSpec.K8S_INDEX + " (0-based: a Kubernetes Indexed Job) or $" + ShardSpec.GITLAB_INDEX
            + " (1-based); $" + ShardSpec.COUNT_ENV + " gives N too.")
    Integer shardCount;

    @Option(names = "--costs", paramLabel = "DIR", description = "Balance the shards on the cell times measured in DIR: "
            + "an earlier night's results, or a history directory (default: the --history directory, else estimates).")
    Path costs;

    @Mixin
    HistoryOptions nights = new HistoryOptions();

    @picocli.CommandLine.Mixin
    RunOptions run = new RunOptions();

    private final Main main;

    NightlyCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        if (budget.toSeconds() < 10) {
            throw new BadInput("--budget must be at least 10s");
        }
        ShardSpec spec = ShardSpec.resolve(shard, shardCount, System.getenv());
        if (spec != null) {
            if (nights.baseline != null) {
                throw new BadInput("--baseline compares a whole night: give it to merge, not to a shard");
            }
            List<String> names = engines.stream().map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList();
            return new ShardNight(main).run(spec, globs, names, budget, seed, out, costs != null ? costs : nights.history);
        }
        Subjects all = main.subjects();
        List<Subjects.Selected> selected = main.select(globs);
        double minCoverage = run.coverageOrZero();
        // The budget counts from the JVM's start: what the caller's clock sees, start-up included.
        long start = System.nanoTime() - java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        long end = start + budget.toNanos() - Math.max(REPORTS.toNanos(), budget.toNanos() / 10); // keep time for the reports
        try (Workspace ws = Workspace.start(out, "nightly", globs, budget, seed, minCoverage, all, main.err(), run.verbose);
             Interruption stop = Interruption.install(ws, main.out(), main.err(), () -> Summary.conclude(out, main.out(), run.verbose, null))) {
            Phases phases = new Phases(main.err(), start, start + budget.toNanos(), ws.sink);
            long grace = budget.toNanos() / 20; // what a phase may run over its share before it is cut
            Set<NightlyEngine> on = EnumSet.copyOf(engines);
            if (on.contains(NightlyEngine.COST)) {
                long share = part(NightlyEngine.COST, on, end);
                Duration perVariant = costPerVariant(share * 3 / 4, selected.size()); // a quarter for setting each call up
                long need = perVariant.toNanos() * selected.size() * 3 / 2; // each variant's time at least, set-up on top
                phases.done("cost", Bounded.run(System.nanoTime() + Math.max(share, need) + grace, end,
                        () -> new ReadSideEngine(new ReadSideEngine.Options(perVariant), ws.sink).run(selected)
                                + " of " + selected.size() + " variants measured, " + perVariant.toMillis() + " ms each"));
            }
            if (on.contains(NightlyEngine.EXPLORER)) {
                long exploreUntil = System.nanoTime() + part(NightlyEngine.EXPLORER, on, end);
                phases.done("explorer", Bounded.run(exploreUntil + grace, end, () -> {
                    int complete = 0;
                    long schedules = 0;
                    for (int i = 0; i < selected.size(); i++) {
                        Subjects.Selected s = selected.get(i);
                        long slice = fairSlice(System.nanoTime(), exploreUntil, selected.size() - i);
                        Explorer.Summary sum = new Explorer(ExploreOptions.defaults().withDeadline(slice), ws.catalogue, ws.sink)
                                .explore(s.family(), s.variant(), seed);
                        complete += sum.complete() ? 1 : 0;
                        schedules += sum.schedules();
                    }
                    return complete + " of " + selected.size() + " variants explored to the bound, " + schedules + " schedules";
                }));
            }
            if (on.contains(NightlyEngine.MUTATE)) {
                long mutateUntil = System.nanoTime() + part(NightlyEngine.MUTATE, on, end);
                main.err().println("nightly: mutation testing until +" + secs(mutateUntil - start) + " s");
                MutationEngine.Options o = MutationEngine.Options.of(ExploreOptions.defaults(),
                        Duration.ofSeconds(MutationEngine.DEFAULT_LIMIT_SECONDS), seed).until(mutateUntil);
                MutateCommand.run(new MutationEngine(o, ResultSink.NONE, out, main.err()::println), selected,
                        MutationResults.TARGET_KILL_RATE, out, main);
            }
            if (on.contains(NightlyEngine.LINCHECK)) {
                Duration lincheckFor = Duration.ofNanos(part(NightlyEngine.LINCHECK, on, end));
                phases.done("lincheck", Bounded.run(System.nanoTime() + lincheckFor.toNanos() + grace, end,
                        () -> new LincheckEngine(LincheckEngine.Options.of(lincheckFor), ws.catalogue, ws.sink)
                                .run(rotated(selected, LocalDate.now().toEpochDay())).checks() + " check(s) in " + lincheckFor.toSeconds() + " s"));
            }
            if (on.contains(NightlyEngine.JCSTRESS)) {
                Duration jcstressFor = Duration.ofNanos(part(NightlyEngine.JCSTRESS, on, end));
                phases.done("jcstress", Bounded.run(System.nanoTime() + jcstressFor.toNanos() + grace, end, () -> {
                    JcstressEngine.Summary js = new JcstressEngine(
                            JcstressEngine.Options.of(out, jcstressFor).rotatedBy(LocalDate.now().toEpochDay()), ws.catalogue, ws.sink)
                            .run(rotated(selected, LocalDate.now().toEpochDay()));
                    return js.ran() + " of " + js.selected() + " tests in " + jcstressFor.toSeconds() + " s";
                }));
            }
            if (on.contains(NightlyEngine.STRESS)) {
                Duration stressFor = Duration.ofNanos(Math.max(1_000_000_000L, part(NightlyEngine.STRESS, on, end)));
                phases.done("stress", Bounded.run(System.nanoTime() + stressFor.toNanos() + grace, end,
                        () -> new StressEngine(StressEngine.Options.of(stressFor, seed), ws.catalogue, ws.sink).run(selected)
                                + " runs in " + stressFor.toSeconds() + " s"));
            }
        }
        main.out().printf("nightly finished in %.1f s (budget %d s)%n", (System.nanoTime() - start) / 1e9, budget.toSeconds());
        nights.apply(out, main.out());
        return Summary.conclude(out, main.out(), run.verbose, null);
    }

    /** Time kept at the end of the budget for reading the journal back and writing the reports: this, or a tenth of the budget. */
    static final Duration REPORTS = Duration.ofSeconds(3);

    /** One status line per phase on the console: what it did, the time used and left, the findings so far. */
    private record Phases(java.io.PrintStream console, long start, long deadline, JournalSink sink) {
        void done(String phase, String what) {
            long now = System.nanoTime();
            console.printf("nightly: [%6.1f s] %-9s %s · %d findings so far · %s of the budget left%n", (now - start) / 1e9, phase,
                    what, sink.findings(), left(deadline - now));
        }

        private static String left(long nanos) {
            long s = Math.max(0, nanos) / 1_000_000_000L;
            return s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
        }
    }

    /** The selection started at {@code offset} (mod its size): the night's rotation. */
    static <T> List<T> rotated(List<T> list, long offset) {
        if (list.isEmpty()) {
            return list;
        }
        int k = (int) Math.floorMod(offset, (long) list.size());
        List<T> out = new java.util.ArrayList<>(list.subList(k, list.size()));
        out.addAll(list.subList(0, k));
        return out;
    }

    /**
     * The explorer's deadline for the next of {@code left} variants: an equal part of what is left
     * of its time, so a short budget explores every variant a little rather than the first ones
     * fully; what a variant does not use goes to those after it.
     */
    static long fairSlice(long now, long until, int left) {
        return now + Math.max(0, until - now) / Math.max(1, left);
    }

    /** The cost engine's time for one of {@code variants}: its equal part, within 100 ms and 2 s. */
    static Duration costPerVariant(long nanos, int variants) {
        long each = nanos / Math.max(1, variants);
        return Duration.ofNanos(Math.max(100_000_000L, Math.min(2_000_000_000L, each)));
    }

    /** Nanoseconds for {@code engine}: its share of what is left until {@code end}. */
    private static long part(NightlyEngine engine, Set<NightlyEngine> on, long end) {
        return (long) (Math.max(0, end - System.nanoTime()) * engine.shareOfWhatIsLeft(on));
    }

    private static long secs(long nanos) {
        return nanos / 1_000_000_000L;
    }
}
