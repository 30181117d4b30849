package dev.unbind.engine.mutate;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.engine.explore.Repro;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.MutationResults.Baseline;
import dev.unbind.result.MutationResults.Counts;
import dev.unbind.result.MutationResults.MutantResult;
import dev.unbind.result.MutationResults.Status;
import dev.unbind.result.MutationResults.VariantMutation;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Family;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.ScenarioSubset;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Mutation testing of a fix: how much of what a corrected variant does would the explorer miss
 * if it were not there?
 *
 * <p>For a variant that must keep every property, the engine derives the variant's own code
 * ({@link FamilyCode}: never the harness kernel, never the family core every variant shares),
 * makes every mutant of it ({@link MutantScanner}), explores the unmutated variant once with
 * coverage probes, scenario by scenario (it must be clean; the probes say which mutation sites
 * each scenario's schedules run), then explores each mutant with the same bounds and a time
 * limit: KILLED (the first finding's kind, its scenario, the seconds it took), SURVIVED,
 * TIMED_OUT (never counted as killed) or EQUIVALENT (declared, with its reason, in the family's
 * {@link Equivalents} data; not run). The explorer is deterministic, so a scenario whose
 * schedules never ran the mutated instruction would run exactly as it ran on the fix: a mutant
 * is explored only in the scenarios that reach it, and one no scenario reaches survives without
 * a run. (When the unmutated exploration did not finish, nothing is left out.)
 *
 * <p>Why bytecode mutation in a class loader rather than PIT or mutation at the kernel API:
 * PIT drives a test suite in forked JVMs and scores mutants by tests; here a mutant is scored by
 * the explorer (one deterministic search, no suite), so forking a JVM per mutant and writing a
 * test per variant would only add seconds and nondeterminism. PIT's mutators that fit (removing a
 * void call, removing a conditional) are one instruction each, while the teardown operators are
 * not PIT's: a removed try-get must "succeed", a tryget_live becomes tryget, and a store moves
 * past the drain it guards — a change of order that mutation at the kernel API (skip the nth call
 * of a primitive) cannot express either. Each mutant is the family's package loaded again with
 * one method rewritten by ASM ({@link FamilyLoader}, {@link Mutations}); the kernel stays loaded
 * and compiled, the run is in-process and as deterministic as the explorer.
 */
public final class MutationEngine {
    /** Each mutant's time limit unless told otherwise: seconds. */
    public static final int DEFAULT_LIMIT_SECONDS = 10;

    private final ExploreOptions options;
    private final Duration limit;
    private final long seed;
    private final Predicate<String> selected;
    private final long deadline;
    private final ResultSink baselineSink;
    private final Path out;
    private final Consumer<String> progress;
    private final Map<String, Prepared> families = new HashMap<>();
    private final SourceLines sources = new SourceLines();

    /**
     * What to mutate and how hard to try.
     *
     * @param explore  the explorer's bounds for the baseline and every mutant (their deadline is set per run)
     * @param limit    each mutant's time limit
     * @param selected which mutants to run, by key or id; the others are left out of the results
     * @param deadline {@link System#nanoTime()} after which no further mutant is started (Long.MAX_VALUE: none)
     */
    public record Options(ExploreOptions explore, Duration limit, long seed, Predicate<String> selected, long deadline) {
        public static Options of(ExploreOptions explore, Duration limit, long seed) {
            return new Options(explore, limit, seed, key -> true, Long.MAX_VALUE);
        }

        public Options only(Predicate<String> keys) {
            return new Options(explore, limit, seed, keys, deadline);
        }

        public Options until(long nanos) {
            return new Options(explore, limit, seed, selected, nanos);
        }
    }

    /**
     * @param baselineSink where the unmutated variant's explorer runs and findings go
     * @param out          the results directory: killing schedules go to {@code mutants/<variant>/}; null for none
     */
    public MutationEngine(Options o, ResultSink baselineSink, Path out, Consumer<String> progress) {
        this.options = o.explore();
        this.limit = o.limit();
        this.seed = o.seed();
        this.selected = o.selected();
        this.deadline = o.deadline();
        this.baselineSink = baselineSink;
        this.out = out;
        this.progress = progress;
    }

    /** A family loaded with probes, its code derived, its equivalences read. */
    private record Prepared(Family<?> original, FamilyLoader.Sources sources, Family<?> instrumented, FamilyCode code,
                            Equivalents equivalents) {
    }

    /** Each mutant's time limit. */
    public Duration limit() {
        return limit;
    }

    /** The explorer's bounds as a phrase, for the results. */
    public String bounds() {
        return options.preemptions() + " preemption(s), fail-nth sweep " + (options.failNthSweep()
                ? "at " + options.faultPreemptions() : "off") + ", at most " + options.maxSchedules() + " schedules per target";
    }

    public VariantMutation mutate(Family<?> family, Variant<?> variant) {
        Prepared p = prepared(family, variant);
        Made made = made(p, variant);
        List<Mutant> mutants = made.mutants();
        checkEquivalents(p.equivalents(), variant.id(), mutants);
        progress.accept(variant.id() + ": " + mutants.size() + " mutants in " + String.join(", ",
                p.code().own(variant.id()).stream().map(Mutant::simpleName).toList()));
        Explored base = baseline(p, variant);
        List<MutantResult> results = new ArrayList<>();
        int notRun = 0;
        for (int i = 0; i < mutants.size(); i++) {
            Mutant m = mutants.get(i);
            String id = id(i);
            if (!selected.test(m.key()) && !selected.test(id)) {
                continue;
            }
            if (System.nanoTime() > deadline) {
                notRun++;
                continue;
            }
            MutantResult r = result(p, variant, id, m, base, made.sites().get(m));
            results.add(r);
            progress.accept(String.format("  %-4s %-9s %-10s %5.1f s  %s", id, r.status(), r.oracle() == null ? "" : r.oracle(),
                    r.seconds(), m.key()));
        }
        return new VariantMutation(family.id(), variant.id(),
                p.code().core().stream().map(Mutant::simpleName).toList(),
                p.code().own(variant.id()).stream().map(Mutant::simpleName).toList(), base.baseline(), results,
                Counts.of(results), made.dropped(), notRun);
    }

    /**
     * The variant's mutants (those the selection names) without running any: each with its line, a
     * null status, and whether it is declared equivalent (then with its reason).
     */
    public List<MutantResult> list(Family<?> family, Variant<?> variant) {
        Prepared p = prepared(family, variant);
        List<Mutant> mutants = made(p, variant).mutants();
        checkEquivalents(p.equivalents(), variant.id(), mutants);
        List<MutantResult> out = new ArrayList<>();
        for (int i = 0; i < mutants.size(); i++) {
            Mutant m = mutants.get(i);
            if (selected.test(m.key()) || selected.test(id(i))) {
                String reason = p.equivalents().reason(variant.id(), m.key());
                out.add(described(p, id(i), m, false, new MutantRun.Outcome(reason == null ? null : Status.EQUIVALENT,
                        null, null, null, 0, reason, null), null));
            }
        }
        return out;
    }

    /**
     * Replays a killing schedule the engine wrote on the one mutant (by key or id) the selection
     * names: the same scenario, faults, seed and schedule on the variant with that mutant in it.
     */
    public Repro.Replay replay(Family<?> family, Variant<?> variant, FindingFile file) {
        Prepared p = prepared(family, variant);
        List<Mutant> mutants = made(p, variant).mutants();
        List<Mutant> named = new ArrayList<>();
        for (int i = 0; i < mutants.size(); i++) {
            if (selected.test(mutants.get(i).key()) || selected.test(id(i))) {
                named.add(mutants.get(i));
            }
        }
        if (named.size() != 1) {
            throw new IllegalArgumentException("a replay needs exactly one mutant of " + variant.id() + ", and --mutant names "
                    + named.size());
        }
        Repro r = new Repro(file, Subjects.of(List.of(mutated(p, named.get(0)))));
        return r.replay();
    }

    private static String id(int index) {
        return "M" + (index + 1);
    }

    private Prepared prepared(Family<?> family, Variant<?> variant) {
        if (variant.expect() != Expectation.KEEPS_EVERY_PROPERTY) {
            throw new IllegalArgumentException(variant.id() + " is expected to show its defects; mutation testing "
                    + "scores a fix, a variant that keeps every property");
        }
        return families.computeIfAbsent(family.id(), id -> prepare(family));
    }

    /** A variant's mutants in the order of its code, each with its site; those that would not verify are counted. */
    private record Made(List<Mutant> mutants, Map<Mutant, Integer> sites, int dropped) {
    }

    private static Made made(Prepared p, Variant<?> variant) {
        List<Mutant> mutants = new ArrayList<>();
        Map<Mutant, Integer> sites = new HashMap<>();
        int dropped = 0;
        for (CodeMap.MethodInfo m : p.code().ownMethods(variant.id())) {
            for (CodeMap.Site s : m.sites()) {
                try {
                    Mutations.apply(p.sources().bytes(s.mutant().binaryName()), s.mutant(), p.sources().original());
                    mutants.add(s.mutant());
                    sites.put(s.mutant(), s.id());
                } catch (IllegalStateException doesNotVerify) {
                    dropped++;
                }
            }
        }
        return new Made(mutants, sites, dropped);
    }

    /** The family loaded again with {@code m} written into its class. */
    private static Family<?> mutated(Prepared p, Mutant m) {
        byte[] bytes = Mutations.apply(p.sources().bytes(m.binaryName()), m, p.sources().original());
        return FamilyLoader.load(p.original(), p.sources(), (name, original) -> name.equals(m.binaryName()) ? bytes : original);
    }

    private Prepared prepare(Family<?> family) {
        FamilyLoader.Sources src = new FamilyLoader.Sources(family);
        CodeMap map = new CodeMap();
        Family<?> instrumented = FamilyLoader.load(family, src, new Instrumenter(map, src));
        long start = System.nanoTime();
        ExploreOptions derive = new ExploreOptions(1, 0, options.maxSchedules(), true, Long.MAX_VALUE);
        FamilyCode code = FamilyCode.derive(instrumented, map, derive, seed);
        progress.accept(String.format("%s: core and variant code derived from every variant's runs in %.1f s", family.id(),
                (System.nanoTime() - start) / 1e9));
        return new Prepared(family, src, instrumented, code, Equivalents.of(family));
    }

    private static void checkEquivalents(Equivalents eq, String variant, List<Mutant> mutants) {
        for (String key : eq.keys(variant)) {
            if (mutants.stream().noneMatch(m -> m.key().equals(key))) {
                throw new IllegalStateException(Equivalents.FILE + " declares '" + key + "' of " + variant
                        + " equivalent, but " + variant + " has no such mutant (the code changed: drop or rename the line)");
            }
        }
    }

    /** The unmutated variant's exploration, scenario by scenario, with the mutation sites each scenario's schedules ran. */
    private record Explored(Baseline baseline, Map<String, Coverage> byScenario) {
        /** The scenarios in which some schedule ran {@code site}. */
        Set<String> reaching(int site) {
            Set<String> out = new LinkedHashSet<>();
            byScenario.forEach((scenario, c) -> {
                if (c.reached(site)) {
                    out.add(scenario);
                }
            });
            return out;
        }
    }

    /**
     * Explores the unmutated variant with probes, one scenario at a time (so each scenario's
     * coverage is its own); the run records go to the baseline sink.
     */
    private Explored baseline(Prepared p, Variant<?> variant) {
        List<FindingRecord> found = new ArrayList<>();
        ResultSink sink = new ResultSink() {
            @Override
            public FindingRecord finding(FindingRecord f, FindingFile file) {
                found.add(f);
                return baselineSink.finding(f, file);
            }

            @Override
            public void run(RunRecord r) {
                baselineSink.run(r);
            }

            @Override
            public void progress(String line) {
            }
        };
        long start = System.nanoTime();
        long deadline = start + limit.multipliedBy(6).toNanos();
        Map<String, Coverage> byScenario = new LinkedHashMap<>();
        int schedules = 0;
        boolean complete = true;
        for (Scenario<?> scenario : p.instrumented().scenarios()) {
            Family<?> one = ScenarioSubset.of(p.instrumented(), Set.of(scenario.id()));
            Catalogue catalogue = Catalogue.of(Subjects.of(List.of(one)));
            Coverage c = new Coverage();
            Explorer.Summary[] s = new Explorer.Summary[1];
            Probe.during(c, () -> s[0] = new Explorer(options.withDeadline(deadline), catalogue, sink)
                    .explore(one, one.variant(variant.id()), seed));
            byScenario.put(scenario.id(), c);
            schedules += s[0].schedules();
            complete &= s[0].complete();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String note = !found.isEmpty() ? "the unmutated variant already fails: " + found.get(0).finding().summary()
                : complete ? "clean, every target explored" : "clean but incomplete: every mutant is run on every scenario";
        progress.accept(String.format("  baseline: %d schedules in %.1f s, %s", schedules, seconds, note));
        return new Explored(new Baseline(schedules, seconds, complete, found.isEmpty(), note), byScenario);
    }

    /**
     * Runs one mutant, unless it is declared equivalent. After a complete exploration of the
     * unmutated variant, it is explored only in the scenarios whose schedules ran its instruction
     * (the explorer is deterministic: in the others it would run exactly what it ran on the fix),
     * and a mutant no scenario reached survives without a run.
     */
    private MutantResult result(Prepared p, Variant<?> variant, String id, Mutant m, Explored base, int site) {
        String reason = p.equivalents().reason(variant.id(), m.key());
        boolean complete = base.baseline().complete();
        Set<String> reaching = base.reaching(site);
        MutantRun.Outcome o;
        if (reason != null) {
            o = new MutantRun.Outcome(Status.EQUIVALENT, null, null, null, 0, reason, null);
        } else if (complete && reaching.isEmpty()) {
            o = new MutantRun.Outcome(Status.SURVIVED, null, null, null, 0,
                    "no schedule of the unmutated variant's exploration runs this instruction", null);
        } else {
            Family<?> mutated = mutated(p, m);
            o = MutantRun.explore(complete ? ScenarioSubset.of(mutated, reaching) : mutated, variant.id(), options, seed, limit);
        }
        String file = o.finding() == null ? null : writeFinding(variant.id(), id, o);
        return described(p, id, m, !reaching.isEmpty(), o, file);
    }

    private MutantResult described(Prepared p, String id, Mutant m, boolean reached, MutantRun.Outcome o, String file) {
        Class<?> cls = original(p, m);
        String sourceFile = Mutations.read(p.sources().bytes(m.binaryName())).sourceFile;
        return new MutantResult(id, m.key(), m.operator().id(), m.detail(), m.className(), m.method(),
                sourceFile == null ? null : SourceLines.relativePath(cls, sourceFile), m.line(),
                sources.line(cls, sourceFile, m.line()), reached, o.status(), o.oracle(), o.scenario(),
                o.faults(), o.seconds(), o.reason(), file);
    }

    private static Class<?> original(Prepared p, Mutant m) {
        try {
            return Class.forName(m.binaryName(), false, p.sources().original());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private String writeFinding(String variant, String id, MutantRun.Outcome o) {
        if (out == null) {
            return null;
        }
        String rel = "mutants/" + variant + "/" + id + "-" + o.oracle().toLowerCase(java.util.Locale.ROOT) + ".json";
        try {
            o.finding().write(out.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rel;
    }
}
