package dev.unbind.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What ran, engine by engine, and how much of the catalogue it saw: the header of every report
 * ({@code JCStress 2/115 tests · Lincheck 1/77 checks (cdev only) · ...}).
 *
 * @param engines        one line per engine that journaled anything
 * @param defectsSeen    catalogued defects of the variants that ran, found by some engine
 * @param defectsOfRun   catalogued defects of the variants that ran
 * @param unseen         the ids of those not found
 */
public record Coverage(List<EngineCoverage> engines, int defectsSeen, int defectsOfRun, List<String> unseen) {

    /**
     * One engine's share: {@code done} of its {@code targets} (variant × scenario or test) ran to
     * the end, {@code cut} ran but were stopped by the budget, the rest never started.
     *
     * @param families the families it ran anything of; all of them when {@code allFamilies}
     */
    public record EngineCoverage(String engine, int done, int cut, int targets, String unit,
                                 List<String> families, boolean allFamilies) {
        /** {@code JCStress 2/115 tests}, {@code Lincheck 1/77 checks (cdev only)}, {@code explorer 422/443 targets, 21 cut by the budget}. */
        public String words() {
            StringBuilder b = new StringBuilder(name(engine)).append(' ').append(done).append('/').append(targets).append(' ').append(unit);
            if (cut > 0) {
                b.append(", ").append(cut).append(" cut by the budget");
            }
            if (!allFamilies) {
                b.append(families.isEmpty() ? " (nothing ran)" : " (" + String.join(", ", families) + " only)");
            }
            return b.toString();
        }
    }

    /** The seen share of the catalogue, 1 when nothing was catalogued. */
    public double defectShare() {
        return defectsOfRun == 0 ? 1 : (double) defectsSeen / defectsOfRun;
    }

    /** {@code catalogued defects seen 48/102 (47%)}. */
    public String defectWords() {
        return String.format(Locale.ROOT, "catalogued defects seen %d/%d (%.0f%%)", defectsSeen, defectsOfRun, 100 * defectShare());
    }

    /** Everything on one line, for the console and report headers. */
    public String words() {
        List<String> parts = new ArrayList<>(engines.stream().map(EngineCoverage::words).toList());
        parts.add(defectWords());
        return String.join(" · ", parts);
    }

    static Coverage of(Results r, List<Assessment.FamilyView> families) {
        Map<String, List<RunRecord>> byEngine = new java.util.TreeMap<>(java.util.Comparator.comparingInt(Coverage::order)
                .thenComparing(e -> e));
        for (RunRecord x : r.runs()) {
            byEngine.computeIfAbsent(x.engine(), e -> new ArrayList<>()).add(x);
        }
        Set<String> allFamilies = new TreeSet<>();
        r.runs().forEach(x -> allFamilies.add(x.family()));
        List<EngineCoverage> engines = new ArrayList<>();
        for (Map.Entry<String, List<RunRecord>> e : byEngine.entrySet()) {
            Map<String, RunRecord> targets = new LinkedHashMap<>();
            for (RunRecord x : e.getValue()) {
                targets.merge(x.variant() + "/" + x.scenario() + "/" + x.faults(), x, (a, b) -> ran(b) ? b : a);
            }
            int done = 0;
            int cut = 0;
            Set<String> ranIn = new TreeSet<>();
            for (RunRecord x : targets.values()) {
                if (ran(x)) {
                    ranIn.add(x.family());
                    if (x.status().equals("incomplete")) {
                        cut++;
                    } else {
                        done++;
                    }
                }
            }
            engines.add(new EngineCoverage(e.getKey(), done, cut, targets.size(), unit(e.getKey()),
                    List.copyOf(ranIn), ranIn.equals(allFamilies)));
        }
        int seen = 0;
        int all = 0;
        List<String> unseen = new ArrayList<>();
        for (Assessment.FamilyView f : families) {
            for (Assessment.VariantView v : f.variants()) {
                if (v.ci() == CiVerdict.NOT_RUN) {
                    continue;
                }
                for (Assessment.DefectView d : v.defects()) {
                    all++;
                    if (d.found()) {
                        seen++;
                    } else {
                        unseen.add(d.defect().id());
                    }
                }
            }
        }
        return new Coverage(List.copyOf(engines), seen, all, List.copyOf(unseen));
    }

    /** A target that did some work (as opposed to one listed as not started: 0 runs). */
    private static boolean ran(RunRecord x) {
        return x.runs() > 0 || x.status().equals("ok");
    }

    /** The order the nightly runs them in, unknown engines last. */
    private static int order(String engine) {
        int i = List.of(ReadSideCost.ENGINE, "explorer", "lincheck", "jcstress", "stress").indexOf(engine);
        return i < 0 ? 99 : i;
    }

    private static String unit(String engine) {
        return switch (engine) {
            case "jcstress" -> "tests";
            case "lincheck" -> "checks";
            case ReadSideCost.ENGINE -> "variants";
            default -> "targets";
        };
    }

    private static String name(String engine) {
        return switch (engine) {
            case "jcstress" -> "JCStress";
            case "lincheck" -> "Lincheck";
            default -> engine;
        };
    }
}
