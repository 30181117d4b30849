package dev.unbind.report;

import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.finding.Site;
import dev.unbind.finding.Step;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.Meta;
import dev.unbind.result.ReadSideCost;
import dev.unbind.result.Results;
import dev.unbind.result.RunRecord;
import dev.unbind.result.WindowStat;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.List;

/**
 * The widest card a family makes today, and more: seven variants with long ids (as cdev's), the
 * first six each showing six catalogued defects over four properties and two bugs the catalogue
 * lacks, five race windows each (three violated), read-side figures, and remove latencies with an fd
 * open and a reader blocked that are under the minimum count (a second line per cell).
 */
final class WideFamilyFixture {
    static final String FAMILY = "wide";
    static final List<String> VARIANTS = List.of("wide.plain", "wide.queued-as-posted", "wide.sync-sketch-as-posted",
            "wide.sync-sketch-is-sync-uninverted", "wide.sync-sketch-init-completed", "wide.sync-sketch-self-call-fixed",
            "wide.fenced");
    private static final List<Kind> KINDS = List.of(Kind.UAF, Kind.LEAK, Kind.HANG, Kind.ERRNO);

    private WideFamilyFixture() {
    }

    static Results results() {
        List<Catalogue.VariantInfo> variants = new ArrayList<>();
        List<Defect> defects = new ArrayList<>();
        List<RunRecord> runs = new ArrayList<>();
        List<FindingRecord> findings = new ArrayList<>();
        List<Catalogue.PointInfo> points = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            points.add(new Catalogue.PointInfo("wide.sync.open.read-locked-window-" + p, "WINDOW", List.of("remove")));
        }
        for (int i = 0; i < VARIANTS.size(); i++) {
            String v = VARIANTS.get(i);
            boolean fixed = i == VARIANTS.size() - 1;
            variants.add(new Catalogue.VariantInfo(v, v, "variant " + i, fixed ? "KEEPS_EVERY_PROPERTY" : "SHOWS_ITS_DEFECTS"));
            List<WindowStat> windows = new ArrayList<>();
            for (int p = 0; p < points.size(); p++) {
                windows.add(new WindowStat(points.get(p).name(), 23_000, 4_000, 23_000, fixed || p > 2 ? 0 : 2_000));
            }
            runs.add(new RunRecord("stress", FAMILY, v, "ioctl-vs-remove", "", 23_000, 10.0, "ok", "", windows,
                    List.of(ResultsFixture.latency("remove", 12, 707, 7423), readerBlocked(12)), null));
            runs.add(RunRecord.of("explorer", FAMILY, v, "ioctl-vs-remove", "", 500, 2.0, "ok", ""));
            runs.add(new RunRecord("cost", FAMILY, v, "read-side", "", 1_000_000, 0.5, "ok", "", List.of(), List.of(),
                    new ReadSideCost("ioctl(GET_PARAM)", 1_000_000, 11, 7171 + 10 * i, 7000, 7400)));
            if (fixed) {
                continue;
            }
            for (int d = 0; d < 6; d++) {
                Kind k = KINDS.get(d % KINDS.size());
                String id = v + ".cdev-memory-not-tied-to-files-" + d;
                defects.add(Defect.of(id, v, k).title("the cdev memory is not tied to the files that use it, case " + d)
                        .because("planted").reference("planted").scenario("ioctl-vs-remove").build());
                findings.add(new FindingRecord("explorer", FAMILY, v, "ioctl-vs-remove", "", 1L, id,
                        finding(k, "defect " + d, "cdev#" + d), List.of("a", "b"), 0.5, 3, "findings/" + id + ".json"));
            }
            for (int u = 0; u < 2; u++) {
                findings.add(new FindingRecord("stress", FAMILY, v, "ioctl-vs-remove", "", 2L, null,
                        finding(Kind.NULL_DEREF, "uncatalogued " + u, "ops#" + u), List.of(), 1.0, 10, null));
            }
        }
        Catalogue catalogue = new Catalogue(List.of(new Catalogue.FamilyInfo(FAMILY,
                "wide: queued mode and the sync sketch with three cumulative repairs", "The widest card.", variants,
                List.of(new Catalogue.ScenarioInfo("ioctl-vs-remove", "ioctl races remove")), points, defects)));
        Meta meta = new Meta("nightly", List.of(FAMILY), "3m", 1L, "2025-01-01T02:00:00Z", "2025-01-01T02:03:00Z",
                "ci-runner", "17.0.15");
        return new Results(List.of(meta), catalogue, runs, findings);
    }

    private static dev.unbind.result.LatencyStat readerBlocked(int n) {
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(2);
        for (int i = 0; i < n; i++) {
            h.recordValue(437 + i);
        }
        return dev.unbind.result.LatencyStat.of("remove", "READER_BLOCKED", h);
    }

    private static Finding finding(Kind kind, String summary, String object) {
        return new Finding(kind, summary, object, List.of(Role.of("accessed by", new Site("ioctl", "STEP", "read " + object))),
                List.of(new Step(1, "ioctl", "STEP")), List.of(), "");
    }
}
