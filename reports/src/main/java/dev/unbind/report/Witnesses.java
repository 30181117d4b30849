package dev.unbind.report;

import dev.unbind.finding.Kind;
import dev.unbind.result.Assessment;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.Results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the witness shown for each found defect and each distinct uncatalogued finding of a
 * family. The explorer's detection is preferred (its schedule is minimal and replays exactly),
 * then the earliest. Uncatalogued findings are the same bug when their signatures match.
 */
record Witnesses(List<Witness> catalogued, List<Witness> uncatalogued, Map<String, String> anchors) {

    /** Explorer first, then the fastest detection, then the engine order, then journal order (stable sort). */
    static final Comparator<FindingRecord> PREFERENCE = Comparator
            .comparing((FindingRecord r) -> !r.engine().equals(Engines.EXPLORER))
            .thenComparingDouble(FindingRecord::secondsToDetect)
            .thenComparing(FindingRecord::engine, Engines.ORDERING)
            .thenComparingLong(FindingRecord::runsToDetect);

    static Witnesses of(Assessment.FamilyView family, Results results) {
        List<Witness> catalogued = new ArrayList<>();
        List<Witness> uncatalogued = new ArrayList<>();
        Map<String, String> anchors = new HashMap<>();
        for (Assessment.VariantView v : family.variants()) {
            String variant = v.info().id();
            List<FindingRecord> mine = results.findings().stream().filter(r -> r.variant().equals(variant)).toList();
            for (Assessment.DefectView d : v.defects()) {
                List<FindingRecord> shows = mine.stream().filter(r -> d.defect().id().equals(r.defect())).toList();
                if (shows.isEmpty()) {
                    continue;
                }
                String anchor = anchor(family, d.defect());
                FindingRecord pick = shows.stream().sorted(PREFERENCE).findFirst().orElseThrow();
                catalogued.add(new Witness(anchor, pick, d.defect(), others(shows, pick)));
                anchors.put(key(pick), anchor);
            }
            Map<String, List<FindingRecord>> bySignature = new TreeMap<>(Comparator
                    .comparing((String s) -> Kind.valueOf(s.substring(0, s.indexOf('|'))).ordinal())
                    .thenComparing(s -> s));
            for (FindingRecord r : v.uncatalogued()) {
                bySignature.computeIfAbsent(r.finding().signature(), s -> new ArrayList<>()).add(r);
            }
            Map<Kind, Integer> perKind = new LinkedHashMap<>();
            for (List<FindingRecord> same : bySignature.values()) {
                FindingRecord pick = same.stream().sorted(PREFERENCE).findFirst().orElseThrow();
                Kind k = pick.finding().kind();
                int n = perKind.merge(k, 1, Integer::sum);
                String anchor = "finding-" + variant + "-" + k.word() + "-" + n;
                uncatalogued.add(new Witness(anchor, pick, null, others(same, pick)));
                anchors.put(key(pick), anchor);
            }
        }
        return new Witnesses(List.copyOf(catalogued), List.copyOf(uncatalogued), Map.copyOf(anchors));
    }

    /**
     * The anchor of a catalogued defect (its findings row on the main page, its witness page's name):
     * its id, or {@code defect-<id>} should a variant have the same id.
     */
    static String anchor(Assessment.FamilyView family, dev.unbind.subject.Defect d) {
        boolean clash = family.variants().stream().anyMatch(v -> v.info().id().equals(d.id()));
        return clash ? "defect-" + d.id() : d.id();
    }

    /** The anchor of the witness shown for the defect or signature of {@code r}, or null. */
    String anchor(FindingRecord r) {
        return anchors.get(key(r));
    }

    private static String key(FindingRecord r) {
        return r.variant() + "|" + (r.defect() != null ? "defect:" + r.defect() : "signature:" + r.finding().signature());
    }

    private static List<String> others(List<FindingRecord> same, FindingRecord pick) {
        Map<String, Integer> count = new TreeMap<>(Engines.ORDERING);
        for (FindingRecord r : same) {
            if (r != pick) {
                count.merge(r.engine(), 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>();
        count.forEach((engine, n) -> out.add(engine + " ×" + n));
        return out;
    }
}
