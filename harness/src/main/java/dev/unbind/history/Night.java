package dev.unbind.history;

import dev.unbind.result.Assessment;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.Meta;
import dev.unbind.result.ReadSideCost;
import dev.unbind.result.Results;
import dev.unbind.result.RunRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One night as the history keeps it: a line for the night, one per finding (per variant and
 * catalogued defect, or signature outside the catalogue: syzbot's "one bug, one entry"), one per
 * variant's verdict. Compact: no witnesses, no reports, a few hundred bytes a line.
 *
 * @param id       the night: when its first engine run started (the earliest shard's, when merged)
 * @param findings by {@link Finding#key()}
 * @param verdicts by variant id
 */
public record Night(String id, String command, long seed, boolean ok, List<Finding> findings, List<Verdict> verdicts) {
    public Night {
        findings = List.copyOf(findings);
        verdicts = List.copyOf(verdicts);
    }

    /**
     * A bug found that night.
     *
     * @param defect     the catalogued defect, or null
     * @param signature  the finding's signature (the first one seen, when a defect was found with several)
     * @param engines    the engines that found it
     * @param seconds    the earliest time to first detection, over the engines
     */
    public record Finding(String variant, String defect, String signature, String kind, String summary,
                          List<String> engines, double seconds) {
        public Finding {
            engines = List.copyOf(engines);
        }

        /** What stays the same from night to night: the variant and the defect, or the signature. */
        public String key() {
            return variant + " " + (defect != null ? defect : signature);
        }
    }

    /**
     * A variant's verdict that night.
     *
     * @param broken      the properties broken
     * @param defects     its catalogued defects' statuses ({@code found}, {@code regression}, {@code unproven})
     * @param readSideNs  the read-side cost, ns per call, or null when not measured
     */
    public record Verdict(String variant, boolean fixed, boolean met, List<String> broken, Map<String, String> defects,
                          Double readSideNs) {
        public Verdict {
            broken = List.copyOf(broken);
            defects = new TreeMap<>(defects);
        }
    }

    /** The night a results directory holds. */
    public static Night of(Results r, Assessment a) {
        String id = r.metas().stream().map(Meta::startedAt).min(Comparator.naturalOrder()).orElse("");
        String command = r.metas().stream().min(Comparator.comparing(Meta::startedAt)).map(Meta::command).orElse("");
        long seed = r.metas().isEmpty() ? 0 : r.metas().get(0).seed();
        Map<String, List<FindingRecord>> byKey = new TreeMap<>();
        for (FindingRecord f : r.findings()) {
            byKey.computeIfAbsent(f.variant() + " " + (f.defect() != null ? f.defect() : f.finding().signature()),
                    k -> new ArrayList<>()).add(f);
        }
        List<Finding> findings = new ArrayList<>();
        byKey.values().forEach(fs -> {
            FindingRecord first = fs.stream().min(Comparator.comparingDouble(FindingRecord::secondsToDetect)).orElseThrow();
            List<String> engines = new ArrayList<>(new TreeSet<>(fs.stream().map(FindingRecord::engine).toList()));
            findings.add(new Finding(first.variant(), first.defect(), first.finding().signature(),
                    first.finding().kind().name(), first.finding().summary(), engines, first.secondsToDetect()));
        });
        List<Verdict> verdicts = new ArrayList<>();
        for (Assessment.FamilyView f : a.families()) {
            for (Assessment.VariantView v : f.variants()) {
                List<String> broken = v.properties().stream().filter(c -> c.verdict().equals(Assessment.BROKEN))
                        .map(c -> c.property().name()).toList();
                Map<String, String> defects = new TreeMap<>();
                v.defects().forEach(d -> defects.put(d.defect().id(), d.status()));
                Double ns = v.runs().stream().map(RunRecord::readSide).filter(x -> x != null)
                        .map(ReadSideCost::medianNs).findFirst().orElse(null);
                verdicts.add(new Verdict(v.info().id(), v.info().fixed(), v.metExpectation(), broken, defects, ns));
            }
        }
        return new Night(id, command, seed, a.ok(), findings, verdicts);
    }

    public Verdict verdict(String variant) {
        return verdicts.stream().filter(v -> v.variant().equals(variant)).findFirst().orElse(null);
    }

    public Finding finding(String key) {
        return findings.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
    }
}
