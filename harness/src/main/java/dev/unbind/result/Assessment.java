package dev.unbind.result;

import dev.unbind.fault.FaultSpec;
import dev.unbind.fault.PointGlob;
import dev.unbind.finding.Kind;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts drawn from a journal: per family, per variant, per property, with the witnesses;
 * per catalogued defect, which engines found it and how fast; and the problems that make the
 * exit code non-zero.
 *
 * <p>Rules:
 * <ol>
 *   <li>A property of a variant is {@code broken} if any engine found a violation of it,
 *       {@code kept} if some engine ran the variant and none did, {@code not-run} otherwise.</li>
 *   <li>A variant that must keep every property and broke one is a problem.</li>
 *   <li>A catalogued defect that the explorer did not find, although it explored the defect's
 *       scenario to its bound, is a problem (a detection regression). Engines that only sample
 *       (stress, JCStress) cannot prove absence: a miss there is a warning.</li>
 * </ol>
 */
public record Assessment(List<Meta> metas, List<FamilyView> families, List<String> problems, List<String> warnings,
                         Completion completion, Coverage coverage, CiVerdict ci) {

    /** Verdict words. */
    public static final String BROKEN = "broken";
    public static final String KEPT = "kept";
    public static final String NOT_RUN = "not-run";

    /** False for an engine that only measures (the read-side cost): its runs check no property. */
    public static boolean looksForDefects(String engine) {
        return !engine.equals(ReadSideCost.ENGINE);
    }

    /** No problem (a complete run may still be incomplete: see {@link #ci()}). */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** The exit code: 0 when the run passed, 1 when it failed, 4 when it is incomplete and nothing failed. */
    public int exitCode() {
        return ci.exitCode();
    }

    /**
     * A family's results; {@code teardown}: its variants' teardown latencies, every scenario of a
     * situation merged (report.json gives them per variant in its summary, not here).
     */
    public record FamilyView(Catalogue.FamilyInfo info, List<VariantView> variants, List<String> engines,
                             @com.fasterxml.jackson.annotation.JsonIgnore TeardownLatencies teardown) {
        /** One sentence drawn from the variants' fix verdicts and costs: which keep every property, what the others leave. */
        public Recommendation recommendation() {
            return Recommendation.of(this);
        }

        /**
         * The variant's read side over the first variant's (the pre-fix code), with its interval
         * ({@link ReadSideCost#over}); empty for the first variant itself or when either was not measured.
         */
        public java.util.Optional<Factor> readSideOverFirst(VariantView v) {
            VariantView first = variants.get(0);
            if (v == first) {
                return java.util.Optional.empty();
            }
            return v.readSide().flatMap(c -> first.readSide().map(c::over));
        }
    }

    /**
     * A variant's results, with its two verdicts: {@code ci} (did it behave as its catalogue
     * expects) and {@code fix} (does the fix hold, in plain words).
     */
    public record VariantView(Catalogue.VariantInfo info, List<PropertyCell> properties, List<DefectView> defects,
                              List<FindingRecord> uncatalogued, List<RunRecord> runs, CiVerdict ci, FixVerdict fix) {
        /** True only when the variant ran and met its expectation (never for one no engine ran). */
        public boolean metExpectation() {
            return ci == CiVerdict.MET;
        }

        /** What one read-side call costs (the cost engine), when it was measured. */
        public java.util.Optional<ReadSideCost> readSide() {
            return runs.stream().map(RunRecord::readSide).filter(java.util.Objects::nonNull).findFirst();
        }
    }

    /** One cell of the variants × properties table. */
    public record PropertyCell(Kind property, String verdict, List<FindingRecord> witnesses) {
    }

    /** Defect status words. */
    public static final String FOUND = "found";
    public static final String REGRESSION = "regression";
    public static final String UNPROVEN = "unproven";

    /**
     * A catalogued defect and its detections. {@code status}: {@link #FOUND}; {@link #REGRESSION}
     * (the explorer ran its scenario to completion and did not find it: a problem); or
     * {@link #UNPROVEN} (not detected, but no engine that can prove absence ran it: a warning).
     * {@code note} is the problem or warning line, empty when found.
     */
    public record DefectView(Defect defect, boolean found, String status, String note, List<Detection> detections) {
        public Detection first(String engine) {
            return detections.stream().filter(d -> d.engine().equals(engine))
                    .min(Comparator.comparingDouble(Detection::seconds)).orElse(null);
        }
    }

    /** One engine's detection of a defect. */
    public record Detection(String engine, String scenario, double seconds, long runs, String file) {
    }

    /** The assessment under the coverage the run asked for ({@link Meta#minCoverage()}). */
    public static Assessment of(Results r) {
        return of(r, r.metas().stream().mapToDouble(Meta::minCoverage).max().orElse(0));
    }

    /**
     * @param minCoverage the share of the catalogued defects of the variants that ran that must be
     *                    seen (1 for {@code --strict}); below it, the unseen ones are a problem
     */
    public static Assessment of(Results r, double minCoverage) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<FamilyView> families = new ArrayList<>();
        Completion completion = Completion.of(r.metas());
        List<PointGlob> selected = r.metas().stream().flatMap(m -> m.subjects() == null ? java.util.stream.Stream.<String>empty()
                : m.subjects().stream()).map(PointGlob::new).toList();
        for (Catalogue.FamilyInfo f : r.catalogue().families()) {
            List<VariantView> variants = new ArrayList<>();
            List<String> engines = new ArrayList<>();
            for (Catalogue.VariantInfo v : f.variants()) {
                List<RunRecord> runs = r.runs().stream().filter(x -> x.variant().equals(v.id())).toList();
                if (runs.isEmpty() && selected.stream().noneMatch(g -> g.matches(v.id()) || g.matches(f.id()))) {
                    continue; // not asked for: not part of this run
                }
                runs.forEach(x -> {
                    if (!engines.contains(x.engine())) {
                        engines.add(x.engine());
                    }
                });
                List<FindingRecord> found = r.findings().stream().filter(x -> x.variant().equals(v.id())).toList();
                variants.add(variant(v, f, runs, found, problems, warnings, completion));
            }
            if (!variants.isEmpty()) {
                families.add(new FamilyView(f, variants, engines, TeardownLatencies.of(variants)));
            }
        }
        Coverage coverage = Coverage.of(r, families);
        if (minCoverage > 0 && coverage.defectShare() < minCoverage) {
            problems.add(String.format(java.util.Locale.ROOT, "%s, below the %.0f%% asked for (%s): not seen: %s",
                    coverage.defectWords(), 100 * minCoverage, minCoverage >= 1 ? "--strict" : "--min-coverage",
                    String.join(", ", coverage.unseen())));
        }
        CiVerdict ci = !problems.isEmpty() ? CiVerdict.NOT_MET : completion.complete() ? CiVerdict.MET : CiVerdict.INCOMPLETE;
        return new Assessment(r.metas(), families, problems, warnings, completion, coverage, ci);
    }

    private static VariantView variant(Catalogue.VariantInfo v, Catalogue.FamilyInfo f, List<RunRecord> runs,
                                       List<FindingRecord> found, List<String> problems, List<String> warnings,
                                       Completion completion) {
        List<PropertyCell> cells = new ArrayList<>();
        boolean checked = runs.stream().anyMatch(x -> looksForDefects(x.engine()));
        for (Kind k : Kind.values()) {
            List<FindingRecord> ofKind = found.stream().filter(x -> x.finding().kind() == k).toList();
            Map<String, FindingRecord> distinct = new LinkedHashMap<>();
            for (FindingRecord x : ofKind) {
                String key = x.defect() != null ? x.defect() : x.finding().signature();
                distinct.merge(key, x, (a, b) -> a.secondsToDetect() <= b.secondsToDetect() ? a : b);
            }
            String verdict = !ofKind.isEmpty() ? BROKEN : checked ? KEPT : NOT_RUN;
            cells.add(new PropertyCell(k, verdict, List.copyOf(distinct.values())));
        }
        boolean met = true;
        if (v.fixed()) {
            for (FindingRecord x : found) {
                met = false;
                String p = v.id() + ": " + x.finding().kind() + " found by " + x.engine()
                        + (x.scenario().isEmpty() ? "" : " in " + x.scenario())
                        + " (a fixed variant must keep every property): " + x.finding().summary();
                if (!problems.contains(p)) {
                    problems.add(p);
                }
            }
        }
        List<DefectView> defects = new ArrayList<>();
        for (Defect d : f.defects()) {
            if (!d.variant().equals(v.id())) {
                continue;
            }
            List<Detection> det = found.stream().filter(x -> d.id().equals(x.defect()))
                    .map(x -> new Detection(x.engine(), x.scenario(), x.secondsToDetect(), x.runsToDetect(), x.file()))
                    .toList();
            if (!det.isEmpty()) {
                defects.add(new DefectView(d, true, FOUND, "", det));
                continue;
            }
            // Only a completed exploration of the defect's own target (its scenario under its faults)
            // proves the defect absent; a nightly deadline may leave that target incomplete.
            String plan = FaultSpec.parse(d.faults()).spec();
            boolean explored = runs.stream().anyMatch(x -> x.engine().equals("explorer")
                    && x.scenario().equals(d.scenario()) && x.faults().equals(plan) && x.status().equals("ok"));
            if (explored) {
                met = false;
                String p = v.id() + ": catalogued defect " + d.id() + " (" + d.property()
                        + ") was not found by the explorer in " + d.scenario() + " (detection regression)";
                problems.add(p);
                defects.add(new DefectView(d, false, REGRESSION, p, det));
            } else {
                String w = v.id() + ": catalogued defect " + d.id() + " was not detected in this run"
                        + " (no engine that can prove it ran its scenario to completion)";
                if (checked) { // a run that only measured cost looked for nothing: nothing to warn about
                    warnings.add(w);
                }
                defects.add(new DefectView(d, false, UNPROVEN, w, det));
            }
        }
        List<FindingRecord> uncatalogued = found.stream().filter(x -> x.defect() == null).toList();
        CiVerdict ci = !met ? CiVerdict.NOT_MET : !checked ? CiVerdict.NOT_RUN
                : completion.complete() ? CiVerdict.MET : CiVerdict.INCOMPLETE;
        return new VariantView(v, cells, defects, uncatalogued, runs, ci, fixVerdict(cells, found, runs, checked, completion, defects));
    }

    /** Broken when anything was found; else not run, incomplete (the run or a check was cut short), or kept. */
    private static FixVerdict fixVerdict(List<PropertyCell> cells, List<FindingRecord> found, List<RunRecord> runs,
                                         boolean checked, Completion completion, List<DefectView> defects) {
        List<Kind> broken = cells.stream().filter(c -> c.verdict().equals(BROKEN)).map(PropertyCell::property).toList();
        if (!broken.isEmpty()) {
            int suspect = (int) found.stream().filter(x -> x.finding().suspectModel()).count();
            return FixVerdict.broken(broken, suspect, found.size());
        }
        if (!checked) {
            return FixVerdict.notRun();
        }
        if (!completion.complete()) {
            return FixVerdict.incomplete("the run was cut short (" + completion.why() + ")");
        }
        Map<String, long[]> cut = new java.util.TreeMap<>();
        for (RunRecord x : runs) {
            if (looksForDefects(x.engine()) && x.runs() > 0) {
                long[] c = cut.computeIfAbsent(x.engine(), e -> new long[2]);
                c[1]++;
                if (x.status().equals("incomplete")) {
                    c[0]++;
                }
            }
        }
        List<String> cuts = cut.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .map(e -> e.getKey() + " stopped by the budget in " + e.getValue()[0] + " of " + e.getValue()[1] + " targets").toList();
        List<String> unreached = defects.stream().filter(d -> d.status().equals(UNPROVEN)).map(d -> d.defect().id()).toList();
        if (!unreached.isEmpty()) { // the catalogue says it is broken and nothing looked where: not a keeper
            cuts = new ArrayList<>(cuts);
            cuts.add(unreached.size() + " catalogued defect(s) not reached (" + String.join(", ", unreached) + ")");
        }
        return cuts.isEmpty() ? FixVerdict.keeps() : FixVerdict.incomplete(String.join(", ", cuts));
    }
}
