package dev.unbind.engine.mutate;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
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
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Mutation testing of a fix: how much of what a corrected variant does would the explorer miss
 * if it were not there?
 *
 * <p>For a variant that must keep every property, the engine derives the variant's own code
 * ({@link FamilyCode}: never the harness kernel, never the family core every variant shares),
 * makes every mutant of it ({@link MutantScanner}), explores the unmutated variant once with
 * coverage probes (it must be clean; the probes say which mutation sites any explored schedule
 * runs), then explores each mutant with the same bounds and a time limit: KILLED (the first
 * finding's kind, its scenario, the seconds it took), SURVIVED, TIMED_OUT (never counted as
 * killed) or EQUIVALENT (declared, with its reason, in the family's {@link Equivalents} data; not
 * run). A mutant whose site no schedule of the unmutated exploration reaches survives without
 * being run: the explorer is deterministic, so its runs of the mutant would be the same runs.
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
    private final ExploreOptions options;
    private final Duration limit;
    private final long seed;
    private final ResultSink baselineSink;
    private final Path out;
    private final Consumer<String> progress;
    private final Predicate<String> selected;
    private final Map<String, Prepared> families = new HashMap<>();
    private final SourceLines sources = new SourceLines();

    /**
     * @param options      the explorer's bounds for the baseline and every mutant (their deadline is set per run)
     * @param limit        each mutant's time limit
     * @param baselineSink where the unmutated variant's explorer runs and findings go
     * @param out          the results directory: killing schedules go to {@code mutants/<variant>/}; null for none
     * @param selected     which mutants to run, by key or id; the others are left out of the results
     */
    public MutationEngine(ExploreOptions options, Duration limit, long seed, ResultSink baselineSink, Path out,
                          Consumer<String> progress, Predicate<String> selected) {
        this.options = options;
        this.limit = limit;
        this.seed = seed;
        this.baselineSink = baselineSink;
        this.out = out;
        this.progress = progress;
        this.selected = selected;
    }

    /** A family loaded with probes, its code derived, its equivalences read. */
    private record Prepared(Family<?> original, FamilyLoader.Sources sources, Family<?> instrumented, FamilyCode code,
                            Equivalents equivalents) {
    }

    /** The explorer's bounds as a phrase, for the results. */
    public String bounds() {
        return options.preemptions() + " preemption(s), fail-nth sweep " + (options.failNthSweep()
                ? "at " + options.faultPreemptions() : "off") + ", at most " + options.maxSchedules() + " schedules per target";
    }

    public VariantMutation mutate(Family<?> family, Variant<?> variant) {
        if (variant.expect() != Expectation.KEEPS_EVERY_PROPERTY) {
            throw new IllegalArgumentException(variant.id() + " is expected to show its defects; mutation testing "
                    + "scores a fix, a variant that keeps every property");
        }
        Prepared p = families.computeIfAbsent(family.id(), id -> prepare(family));
        List<Mutant> mutants = new ArrayList<>();
        Map<Mutant, Integer> site = new HashMap<>();
        int dropped = 0;
        for (CodeMap.MethodInfo m : p.code().ownMethods(variant.id())) {
            for (CodeMap.Site s : m.sites()) {
                try {
                    Mutations.apply(p.sources().bytes(s.mutant().binaryName()), s.mutant(), p.sources().original());
                    mutants.add(s.mutant());
                    site.put(s.mutant(), s.id());
                } catch (IllegalStateException doesNotVerify) {
                    dropped++;
                }
            }
        }
        checkEquivalents(p.equivalents(), variant.id(), mutants);
        progress.accept(variant.id() + ": " + mutants.size() + " mutants in " + String.join(", ",
                p.code().own(variant.id()).stream().map(Mutant::simpleName).toList()));
        Coverage reached = new Coverage();
        Baseline base = baseline(p, variant, reached);
        List<MutantResult> results = new ArrayList<>();
        for (int i = 0; i < mutants.size(); i++) {
            Mutant m = mutants.get(i);
            String id = "M" + (i + 1);
            if (!selected.test(m.key()) && !selected.test(id)) {
                continue;
            }
            MutantResult r = result(p, variant, id, m, base.complete() && !reached.reached(site.get(m)) ? null : reached);
            results.add(r);
            progress.accept(String.format("  %-4s %-9s %-10s %5.1f s  %s", id, r.status(), r.oracle() == null ? "" : r.oracle(),
                    r.seconds(), m.key()));
        }
        return new VariantMutation(family.id(), variant.id(),
                p.code().core().stream().map(Mutant::simpleName).toList(),
                p.code().own(variant.id()).stream().map(Mutant::simpleName).toList(), base, results, Counts.of(results),
                dropped);
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

    /** Explores the unmutated variant with probes; the run records go to the baseline sink. */
    private Baseline baseline(Prepared p, Variant<?> variant, Coverage reached) {
        Catalogue catalogue = Catalogue.of(Subjects.of(List.of(p.instrumented())));
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
        long deadline = System.nanoTime() + limit.multipliedBy(6).toNanos();
        Explorer.Summary[] s = new Explorer.Summary[1];
        Probe.during(reached, () -> s[0] = new Explorer(options.withDeadline(deadline), catalogue, sink)
                .explore(p.instrumented(), p.instrumented().variant(variant.id()), seed));
        String note = !found.isEmpty() ? "the unmutated variant already fails: " + found.get(0).finding().summary()
                : s[0].complete() ? "clean, every target explored" : "clean but incomplete: every mutant is run";
        progress.accept(String.format("  baseline: %d schedules in %.1f s, %s", s[0].schedules(), s[0].seconds(), note));
        return new Baseline(s[0].schedules(), s[0].seconds(), s[0].complete(), found.isEmpty(), note);
    }

    /** Runs one mutant ({@code reached} null: no explored schedule reaches it, so it is not run). */
    private MutantResult result(Prepared p, Variant<?> variant, String id, Mutant m, Coverage reached) {
        String reason = p.equivalents().reason(variant.id(), m.key());
        MutantRun.Outcome o;
        if (reason != null) {
            o = new MutantRun.Outcome(Status.EQUIVALENT, null, null, null, 0, reason, null);
        } else if (reached == null) {
            o = new MutantRun.Outcome(Status.SURVIVED, null, null, null, 0,
                    "no schedule of the unmutated variant's exploration runs this instruction", null);
        } else {
            byte[] bytes = Mutations.apply(p.sources().bytes(m.binaryName()), m, p.sources().original());
            Family<?> mutated = FamilyLoader.load(p.original(), p.sources(),
                    (name, original) -> name.equals(m.binaryName()) ? bytes : original);
            o = MutantRun.explore(mutated, variant.id(), options, seed, limit);
        }
        String file = o.finding() == null ? null : writeFinding(variant.id(), id, o);
        Class<?> cls = original(p, m);
        String sourceFile = Mutations.read(p.sources().bytes(m.binaryName())).sourceFile;
        return new MutantResult(id, m.key(), m.operator().id(), m.detail(), m.className(), m.method(),
                sourceFile == null ? null : SourceLines.relativePath(cls, sourceFile), m.line(),
                sources.line(cls, sourceFile, m.line()), reached != null, o.status(), o.oracle(), o.scenario(),
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
