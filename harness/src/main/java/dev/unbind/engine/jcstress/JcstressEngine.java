package dev.unbind.engine.jcstress;

import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Subjects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JCStress engine: runs the JCStress tests of the selected variants from the shaded jar, in a
 * subprocess, and journals what they observed.
 *
 * <ul>
 *   <li>The families say which tests a variant has ({@link JcstressCase#of}: one generated test per
 *       JCStress scenario); the jar's own test list must hold them all.</li>
 *   <li>Each variant's tests run in one JCStress invocation ({@link JcstressProcess}) in
 *       {@code <results>/jcstress/<variant>/}, where its log, blob and HTML report stay. A batch
 *       that cannot finish in what is left of the budget is not started; a batch that overruns
 *       it is killed with its forks.</li>
 *   <li>The blob is read back and graded by JCStress itself ({@link JcstressJar}). Every selected
 *       test must come back with results: JCStress exits 0 when nothing ran.</li>
 *   <li>One {@link RunRecord} per test (runs = samples, note = outcome counts), and one
 *       {@link FindingRecord} per observed outcome word that names a property, attributed to a
 *       catalogued defect of the variant with that property, in that race if one is.</li>
 * </ul>
 */
public final class JcstressEngine {
    public static final String ENGINE = "jcstress";
    /** Where the jar is, when not in the source tree the harness runs from. */
    public static final String JAR_PROPERTY = "unbind.jcstress.jar";
    /** The repository root, set by the launcher. */
    public static final String HOME_PROPERTY = "unbind.home";
    static final Path JAR_IN_HOME = Path.of("jcstress-tests", "target", "jcstress.jar");

    /** JCStress's fixed start-up (VM probing) per invocation, measured on two cores. */
    static final Duration START_UP = Duration.ofSeconds(5);
    /** Wall time per two-actor test at the fast settings, before a batch has been measured. */
    static final Duration FIRST_GUESS_PER_TEST = Duration.ofSeconds(16);
    /** Kept out of JCStress's time: killing it and its forks at the hard stop, reading the blob. */
    static final Duration RESERVE = Duration.ofSeconds(3);

    /**
     * @param resultsDir  the results directory; JCStress works in {@code jcstress/} under it
     * @param budget      wall time for the whole engine, never overrun
     * @param perTestTime JCStress {@code -time}: sampling time per test and JVM configuration
     * @param rotation    when only part of a variant's tests fit, the part starts at this offset
     *                    (mod the number of tests), so successive runs reach the others
     * @param only        the (variant, race) pairs to run, as {@link JcstressCase#key()}; empty: every test
     *                    of the selected variants
     */
    public record Options(Path resultsDir, Duration budget, Duration perTestTime, long rotation, Set<String> only) {
        public Options {
            only = Set.copyOf(only);
        }

        public static Options of(Path resultsDir, Duration budget) {
            return new Options(resultsDir, budget, Duration.ofMillis(200), 0, Set.of());
        }

        public Options rotatedBy(long offset) {
            return new Options(resultsDir, budget, perTestTime, offset, only);
        }

        /** Only these tests (a shard's part of the matrix). */
        public Options only(Set<String> keys) {
            return new Options(resultsDir, budget, perTestTime, rotation, keys);
        }
    }

    /**
     * @param selected         tests selected
     * @param ran              tests that came back with results
     * @param forbiddenTests   tests that observed an outcome they grade FORBIDDEN
     * @param forbiddenSamples samples of FORBIDDEN outcomes, over every test
     * @param failedRecords    run records with status {@code error} or {@code incomplete}
     * @param seconds          wall time
     */
    public record Summary(int selected, int ran, int forbiddenTests, long forbiddenSamples, int failedRecords,
                          double seconds) {
        /** Every selected test ran without an error and none observed a forbidden outcome. */
        public boolean clean() {
            return ran == selected && forbiddenTests == 0 && failedRecords == 0;
        }
    }

    private final Options options;
    private final Catalogue catalogue;
    private final ResultSink sink;

    public JcstressEngine(Options options, Catalogue catalogue, ResultSink sink) {
        this.options = options;
        this.catalogue = catalogue;
        this.sink = sink;
    }

    /** The jar: the system property if set, else under {@code unbind.home}; null when neither is set. */
    public static Path locateJar() {
        return locateJar(System.getProperty(JAR_PROPERTY), System.getProperty(HOME_PROPERTY));
    }

    static Path locateJar(String explicit, String home) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        if (home != null && !home.isBlank()) {
            return Path.of(home).resolve(JAR_IN_HOME);
        }
        return null;
    }

    /** Which of the jar's tests the selected variants' scenarios derive. */
    public static CasePlan plan(Path jar, List<Subjects.Selected> selected) throws IOException {
        try (JcstressJar j = JcstressJar.open(jar)) {
            return CasePlan.of(j.tests().keySet(), selected);
        }
    }

    public Summary run(List<Subjects.Selected> selected) {
        long start = System.nanoTime();
        long deadline = start + options.budget().toNanos();
        Path jar = locateJar();
        if (jar == null || !Files.isRegularFile(jar)) {
            String where = jar == null ? "(neither -D" + JAR_PROPERTY + " nor -D" + HOME_PROPERTY + " is set)" : "at " + jar;
            skipped("no JCStress jar " + where + "; build it with mvn package");
            return new Summary(0, 0, 0, 0, 0, seconds(start));
        }
        CasePlan plan;
        try {
            plan = plan(jar, selected).only(options.only());
        } catch (IOException e) {
            skipped(e.getMessage());
            return new Summary(0, 0, 0, 0, 0, seconds(start));
        }
        Map<String, String> families = new HashMap<>();
        selected.forEach(s -> families.put(s.id(), s.family().id()));
        Tally tally = new Tally();
        for (JcstressCase t : plan.absent()) {
            emit(RunRecord.of(ENGINE, t.family(), t.variant(), t.race(), "", 0, 0, "error",
                    "the jar has no test " + t.name() + ", which the family's scenario declares: the jar is older than "
                            + "the sources (rebuild it: mvn package)"), tally);
        }
        for (String v : plan.notCovered()) {
            emit(RunRecord.of(ENGINE, families.get(v), v, "", "", 0, 0, "skipped", "no scenario of this family runs under JCStress"), tally);
        }
        if (!plan.unmapped().isEmpty()) {
            sink.progress("  jcstress: tests in the jar that no scenario declares (a stale jar), never selected: " + plan.unmapped());
        }
        sink.progress(String.format("  jcstress: %d tests of %d variants from %s", plan.size(), plan.tests().size(), jar));

        for (Map.Entry<String, List<JcstressCase>> batch : plan.tests().entrySet()) {
            runBatch(jar, families.get(batch.getKey()), batch.getKey(), batch.getValue(), start, deadline, tally);
        }
        Summary s = new Summary(plan.size(), tally.ran, tally.forbiddenTests, tally.forbiddenSamples, tally.failedRecords,
                seconds(start));
        sink.progress(String.format("  jcstress: %d of %d tests ran, %d with forbidden outcomes, %.1f s",
                s.ran(), s.selected(), s.forbiddenTests(), s.seconds()));
        return s;
    }

    /** What the batches add up to; per-test wall time measured so far, to decide whether the next batch fits. */
    static final class Tally {
        int ran;
        int failedRecords;
        int forbiddenTests;
        long forbiddenSamples;
        double measuredSeconds;
        int measuredTests;

        double perTestEstimate() {
            return measuredTests == 0 ? FIRST_GUESS_PER_TEST.toSeconds() : measuredSeconds / measuredTests;
        }
    }

    private void runBatch(Path jar, String family, String variant, List<JcstressCase> tests, long engineStart,
                          long deadline, Tally tally) {
        long stop = deadline - RESERVE.toNanos();
        double left = (stop - System.nanoTime()) / 1e9;
        int fit = (int) Math.min(tests.size(), Math.floor((left - START_UP.toSeconds()) / tally.perTestEstimate()));
        List<JcstressCase> later = List.of();
        if (fit < tests.size()) {
            int from = (int) Math.floorMod(options.rotation(), (long) tests.size());
            List<JcstressCase> order = new ArrayList<>(tests.subList(from, tests.size()));
            order.addAll(tests.subList(0, from));
            later = order.subList(Math.max(0, fit), order.size());
            tests = order.subList(0, Math.max(0, fit));
            for (JcstressCase t : later) {
                emit(RunRecord.of(ENGINE, family, variant, t.race(), "", 0, 0, "incomplete",
                        String.format("not started: %.0f s of the budget left, each test needs about %.0f s",
                                Math.max(0, left), tally.perTestEstimate())), tally);
            }
            if (tests.isEmpty()) {
                sink.progress(String.format("  jcstress %-24s skipped: %.0f s left", variant, Math.max(0, left)));
                return;
            }
        }
        Path dir = options.resultsDir().resolve("jcstress").resolve(variant);
        List<String> command = JcstressProcess.command(JcstressProcess.currentJava(), jar, CasePlan.regex(tests),
                options.perTestTime());
        sink.progress(String.format("  jcstress %-24s %d tests (hard stop in %.0f s)", variant, tests.size(), left));
        JcstressProcess.Result r;
        try {
            r = JcstressProcess.run(command, dir, Duration.ofNanos(Math.max(0, stop - System.nanoTime())));
        } catch (IOException e) {
            for (JcstressCase t : tests) {
                emit(RunRecord.of(ENGINE, family, variant, t.race(), "", 0, 0, "error",
                        "JCStress did not start: " + e.getMessage()), tally);
            }
            return;
        }
        List<String> problems = new ArrayList<>();
        List<CaseOutcome> outcomes = List.of();
        if (r.blob() != null) {
            try (JcstressJar j = JcstressJar.open(jar)) {
                outcomes = j.read(r.blob(), problems);
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        journalBatch(family, variant, tests, r, outcomes, problems, dir, seconds(engineStart), tally);
    }

    /**
     * Journals a batch: a record per test with results, and the count check: every selected test
     * without results gets an {@code error} record ({@code incomplete} when the budget stopped
     * JCStress) saying why.
     */
    void journalBatch(String family, String variant, List<JcstressCase> tests, JcstressProcess.Result r,
                      List<CaseOutcome> outcomes, List<String> problems, Path dir, double detectedAt, Tally tally) {
        Map<String, CaseOutcome> byName = outcomes.stream().collect(Collectors.toMap(CaseOutcome::test, o -> o, (a, b) -> a));
        List<JcstressCase> missing = CasePlan.missing(tests, byName.keySet());
        int withResults = tests.size() - missing.size();
        double perTest = r.seconds() / Math.max(1, withResults);
        if (!r.timedOut()) {
            tally.measuredSeconds += Math.max(0, r.seconds() - START_UP.toSeconds());
            tally.measuredTests += tests.size();
        }
        for (JcstressCase t : tests) {
            CaseOutcome o = byName.get(t.name());
            if (o != null) {
                journal(family, t, o, perTest, detectedAt, tally);
            }
        }
        String why = missingReason(r, dir, problems);
        for (JcstressCase t : missing) {
            emit(RunRecord.of(ENGINE, family, variant, t.race(), "", 0, 0, r.timedOut() ? "incomplete" : "error",
                    "no results for " + t.name() + ": " + why), tally);
        }
        sink.progress(String.format("  jcstress %-24s %d of %d tests with results in %.1f s (exit %d)%s", variant,
                withResults, tests.size(), r.seconds(), r.exitCode(), missing.isEmpty() ? "" : "; " + why));
    }

    private static String missingReason(JcstressProcess.Result r, Path dir, List<String> problems) {
        String log = dir.resolve(JcstressProcess.LOG).toString();
        if (r.timedOut()) {
            return String.format("JCStress was stopped at the budget after %.0f s (log: %s)", r.seconds(), log);
        }
        if (r.blob() == null) {
            return "JCStress exited " + r.exitCode() + " without writing results (log: " + log + ")";
        }
        return "JCStress exited " + r.exitCode() + " without running it (log: " + log + ")"
                + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
    }

    private void journal(String family, JcstressCase t, CaseOutcome o, double seconds, double detectedAt, Tally tally) {
        tally.ran++;
        if (o.forbiddenSamples() > 0) {
            tally.forbiddenTests++;
            tally.forbiddenSamples += o.forbiddenSamples();
        }
        List<String> unknown = new ArrayList<>();
        for (CaseOutcome.Word w : o.words()) {
            if (w.count() == 0) {
                continue;
            }
            switch (OutcomeWords.meaning(w.word(), w.expect())) {
                case FINDING -> finding(family, t, w, detectedAt, o.samples());
                case UNKNOWN -> unknown.add(w.word());
                case BENIGN -> {
                }
            }
        }
        String status = o.ran() && unknown.isEmpty() ? "ok" : "error";
        StringBuilder note = new StringBuilder(o.counts());
        if (!o.ran()) {
            note.append("; JCStress status ").append(o.status())
                    .append(o.messages().isEmpty() ? "" : ": " + o.messages().get(0));
        }
        if (!unknown.isEmpty()) {
            note.append("; outcome words that name no property: ").append(unknown);
        }
        emit(RunRecord.of(ENGINE, family, t.variant(), t.race(), "", o.samples(), seconds, status, note.toString()), tally);
    }

    private void finding(String family, JcstressCase t, CaseOutcome.Word w, double detectedAt, long samples) {
        Kind kind = OutcomeWords.kind(w.word()).orElseThrow();
        Finding f = new Finding(kind, "JCStress observed '" + w.word() + "' " + w.count() + " times in " + t.name(),
                "", List.of(), List.of(), List.of(), "graded " + w.expect() + " by the test; an outcome word names the "
                        + "property only, so the defect is attributed by property and race, not by the access");
        Defect d = attribute(catalogue, t.variant(), t.race(), kind);
        sink.finding(new FindingRecord(ENGINE, family, t.variant(), t.race(), "", 0, d == null ? null : d.id(), f,
                List.of(), detectedAt, samples, null), null);
    }

    /**
     * The catalogued defect a JCStress outcome shows: one of the variant's defects with that
     * property, preferably one whose scenario is this race; null when the variant has none.
     * (A JCStress outcome carries no object or sites, so the catalogue's finding patterns cannot
     * be matched; the property and the race are all there is.)
     */
    static Defect attribute(Catalogue catalogue, String variant, String race, Kind kind) {
        List<Defect> ofKind = catalogue.defectsOf(variant).stream().filter(d -> d.property() == kind).toList();
        Optional<Defect> inRace = ofKind.stream().filter(d -> d.scenario().equals(race)).findFirst();
        return inRace.orElse(ofKind.isEmpty() ? null : ofKind.get(0));
    }

    private void emit(RunRecord r, Tally tally) {
        if (r.status().equals("error") || r.status().equals("incomplete")) {
            tally.failedRecords++;
        }
        sink.run(r);
    }

    private void skipped(String note) {
        sink.run(RunRecord.of(ENGINE, "", "", "", "", 0, 0, "skipped", note));
        sink.progress("  jcstress: skipped: " + note);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
