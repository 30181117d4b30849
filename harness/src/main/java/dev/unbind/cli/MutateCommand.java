package dev.unbind.cli;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Repro;
import dev.unbind.engine.mutate.MutationEngine;
import dev.unbind.fault.PointGlob;
import dev.unbind.result.FindingFile;
import dev.unbind.result.MutationResults;
import dev.unbind.result.MutationResults.VariantMutation;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Subjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * {@code unbind mutate [<id-glob>...]}: mutation testing of the corrected variants with the
 * explorer. Writes {@code mutation.json}, the journal of the unmutated variants' exploration, the
 * killing schedules under {@code mutants/}, and the reports (with a section on what no scenario
 * exercises). Exit 1 when a variant's kill rate is below {@code --min-kill-rate} or an unmutated
 * variant already fails.
 */
@Command(name = "mutate", mixinStandardHelpOptions = true, description = "Mutation testing of the fixes: mutate each "
        + "corrected variant's own code (drains, gets and puts, wake-ups, tryget_live, dead-flag stores, checks) and "
        + "see whether the explorer kills every mutant.")
final class MutateCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "<id-glob>",
            description = "Variants or globs, e.g. 'drm.quiesced' or 'drm.*' (default: every variant that keeps every property).")
    List<String> globs = new ArrayList<>();

    @Option(names = "--out", description = "Results directory (default: ${DEFAULT-VALUE}).", defaultValue = "out/mutate")
    Path out;

    @Option(names = "--seed", description = "Seed for fault decisions (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--time-limit", description = "Each mutant's time limit (default: ${DEFAULT-VALUE}).",
            defaultValue = MutationEngine.DEFAULT_LIMIT_SECONDS + "s", converter = DurationConverter.class)
    Duration limit;

    @Option(names = "--preemptions", description = "Preemptive switches per schedule (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int preemptions;

    @Option(names = "--fault-preemptions", description = "Preemptive switches per schedule in the fail-nth sweep (default: ${DEFAULT-VALUE}).",
            defaultValue = "2")
    int faultPreemptions;

    @Option(names = "--mutant", paramLabel = "<key-or-id-glob>",
            description = "Run only the mutants whose key or id (M1, M2...) matches, e.g. 'remove-drain *'.")
    List<String> mutants = new ArrayList<>();

    @Option(names = "--budget", description = "Start no mutant after this long (e.g. 20m); those left are counted as not run.",
            converter = DurationConverter.class)
    Duration budget;

    @Option(names = "--replay", paramLabel = "<finding-file>", description = "Replay a killing schedule (mutants/<variant>/...json) "
            + "on the mutant --mutant names, instead of mutating.")
    Path replay;

    @Option(names = "--list", description = "List the mutants (key, line) and run none.")
    boolean list;

    @Option(names = "--min-kill-rate", description = "Exit 1 when a variant kills fewer of its non-equivalent mutants "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "" + MutationResults.TARGET_KILL_RATE)
    double minKillRate;

    private final Main main;

    MutateCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        Subjects all = main.subjects();
        List<Subjects.Selected> selected = (globs.isEmpty() ? all.select(List.of("*")) : main.select(globs)).stream()
                .filter(s -> s.variant().expect() == Expectation.KEEPS_EVERY_PROPERTY).toList();
        if (selected.isEmpty() && replay == null) {
            throw new BadInput("'" + String.join(" ", globs) + "' selects no variant that keeps every property; "
                    + "mutation testing scores fixes (./unbind list shows them)");
        }
        if (preemptions < 0 || faultPreemptions < 0 || limit.isZero() || limit.isNegative() || minKillRate < 0 || minKillRate > 1) {
            throw new BadInput("bounds must be 0 or more, the time limit positive, the kill rate between 0 and 1");
        }
        ExploreOptions options = new ExploreOptions(preemptions, faultPreemptions, 20_000, true, Long.MAX_VALUE);
        List<PointGlob> only = mutants.stream().map(PointGlob::new).toList();
        Predicate<String> chosen = k -> only.isEmpty() || only.stream().anyMatch(g -> g.matches(k));
        if (replay != null) {
            return replay(selected, options, chosen);
        }
        if (list) {
            MutationEngine engine = new MutationEngine(MutationEngine.Options.of(options, limit, seed).only(chosen),
                    dev.unbind.result.ResultSink.NONE, null, main.err()::println);
            for (Subjects.Selected s : selected) {
                MutationTable.list(s.id(), engine.list(s.family(), s.variant()), main.out());
            }
            return 0;
        }
        MutationEngine.Options o = MutationEngine.Options.of(options, limit, seed).only(chosen);
        if (budget != null) {
            o = o.until(System.nanoTime() + budget.toNanos());
        }
        MutationResults results;
        try (Workspace ws = Workspace.start(out, "mutate", globs, budget, seed, all, main.err())) {
            results = run(new MutationEngine(o, ws.sink, out, main.err()::println), selected, minKillRate, out, main);
        }
        int verdict = Summary.conclude(out, main.out());
        boolean enough = MutationTable.summary(results, main.out());
        return verdict != 0 || !enough ? 1 : 0;
    }

    /** Mutates every selected corrected variant, prints each one's table, writes mutation.json into {@code out}. */
    static MutationResults run(MutationEngine engine, List<Subjects.Selected> selected, double minKillRate, Path out, Main main) {
        List<VariantMutation> done = new ArrayList<>();
        for (Subjects.Selected s : selected) {
            if (s.variant().expect() != Expectation.KEEPS_EVERY_PROPERTY) {
                continue;
            }
            main.err().println("mutating " + s.id());
            VariantMutation v = engine.mutate(s.family(), s.variant());
            done.add(v);
            MutationTable.print(v, main.out());
        }
        MutationResults results = new MutationResults(MutationResults.FORMAT, engine.limit().toMillis() / 1000.0,
                minKillRate, engine.bounds(), done);
        try {
            results.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(MutationResults.FILE), e);
        }
        return results;
    }

    /** Replays a killing schedule on its mutant: 0 when it shows the finding again. */
    private int replay(List<Subjects.Selected> selected, ExploreOptions options, Predicate<String> chosen) {
        if (mutants.isEmpty()) {
            throw new BadInput("--replay needs --mutant with the mutant's key (mutation.json has it)");
        }
        FindingFile f;
        try {
            f = FindingFile.read(replay);
        } catch (IOException e) {
            throw new BadInput(e.getMessage());
        }
        Subjects.Selected s = selected.stream().filter(x -> x.id().equals(f.variant())).findFirst()
                .orElseThrow(() -> new BadInput(replay + " is a finding of " + f.variant() + ", which the globs do not select"));
        MutationEngine engine = new MutationEngine(MutationEngine.Options.of(options, limit, seed).only(chosen),
                dev.unbind.result.ResultSink.NONE, null, main.err()::println);
        Repro.Replay r = engine.replay(s.family(), s.variant(), f);
        if (!r.reproduced()) {
            main.out().println("not reproduced on the mutant: " + r.problem());
            return 1;
        }
        main.out().print(r.report());
        main.out().println("reproduced on the mutant " + String.join(" ", mutants));
        return 0;
    }
}
