package dev.unbind.report;

import dev.unbind.code.SourceLine;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Firing;
import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.finding.Site;
import dev.unbind.finding.Step;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.LatencyStat;
import dev.unbind.result.Meta;
import dev.unbind.result.Results;
import dev.unbind.result.ReadSideCost;
import dev.unbind.result.RunRecord;
import dev.unbind.result.WindowStat;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.List;

/**
 * A small journal built in code: family {@code drm} with a pre-fix variant that has three catalogued
 * defects and a fix that must keep every property.
 * <ul>
 *   <li>{@link #UAF_DEFECT} is found by the explorer (2.5 s, 17 schedules, 45 witness steps, a
 *       finding file) and by stress (0.125 s, 1200 runs).</li>
 *   <li>{@link #LEAK_DEFECT} is not found although the explorer completed its scenario: a problem
 *       (detection regression).</li>
 *   <li>{@link #FENCE_DEFECT} is not found and only stress ran its scenario: a warning.</li>
 *   <li>The baseline also has an uncatalogued ERRNO finding; the fix has an uncatalogued HANG whose
 *       summary is {@link #NASTY_SUMMARY}: a problem.</li>
 *   <li>Stress records windows and latencies for both variants.</li>
 * </ul>
 */
final class ResultsFixture {
    static final String FAMILY = "drm";
    static final String BASELINE = "drm.baseline";
    static final String FIXED = "drm.unplug-enter-exit";
    static final String UAF_DEFECT = "drm.ioctl-after-unplug";
    static final String LEAK_DEFECT = "drm.release-leak";
    static final String FENCE_DEFECT = "drm.late-fault";
    static final String WINDOW = "AFTER_UNPLUGGED_CHECK";
    static final String OTHER_WINDOW = "IN_RELEASE";
    static final String NASTY_SUMMARY = "remove <blocked> & stuck | waiting on srcu";
    static final String UAF_FILE = "findings/drm.baseline-uaf-1.json";
    static final int WITNESS_STEPS = 45;
    static final String FIX_SOURCE = "subjects/src/main/java/dev/unbind/subjects/drm/DrmSubject.java";

    private ResultsFixture() {
    }

    static Results results() {
        Catalogue catalogue = new Catalogue(List.of(new Catalogue.FamilyInfo(FAMILY, "DRM device unplug",
                "drm_dev_enter/exit around every ioctl against drm_dev_unplug.",
                List.of(new Catalogue.VariantInfo(BASELINE, "Baseline", "pre-fix code", "SHOWS_ITS_DEFECTS"),
                        new Catalogue.VariantInfo(FIXED, "Unplug with enter/exit", "the fix", "KEEPS_EVERY_PROPERTY",
                                List.of(new SourceLine(SourceLine.FIX, FIX_SOURCE, 171, "drm_dev_enter(dev)",
                                        "every ioctl inside drm_dev_enter/exit", "DrmSubject.UnplugEnterExit")))),
                List.of(new Catalogue.ScenarioInfo("ioctl-vs-unplug", "ioctl races unplug"),
                        new Catalogue.ScenarioInfo("close-vs-unplug", "close races unplug"),
                        new Catalogue.ScenarioInfo("mmap-vs-unplug", "fault races unplug")),
                List.of(new Catalogue.PointInfo(WINDOW, "WINDOW", List.of("drm_dev_unplug")),
                        new Catalogue.PointInfo(OTHER_WINDOW, "WINDOW", List.of("drm_release"))),
                List.of(Defect.of(UAF_DEFECT, BASELINE, Kind.UAF).title("ioctl uses drm_device after unplug")
                                .because("Nothing stops an ioctl that passed the unplugged check before the free.")
                                .reference("PROTOCOLS.md §1 D-B1").scenario("ioctl-vs-unplug").build(),
                        Defect.of(LEAK_DEFECT, BASELINE, Kind.LEAK).title("last close leaks the minor")
                                .because("Release skips drm_minor_release when unplugged.")
                                .reference("PROTOCOLS.md §1 D-B2").scenario("close-vs-unplug").build(),
                        Defect.of(FENCE_DEFECT, BASELINE, Kind.FENCE).title("fault handler runs after remove")
                                .because("The VMA keeps the fault handler reachable after remove returns.")
                                .reference("found by unbind").scenario("mmap-vs-unplug").build()))));
        Meta meta = new Meta("nightly", List.of(FAMILY), "10m", 42L, "2025-01-01T02:00:00Z",
                "2025-01-01T02:09:58Z", "ci-runner", "17.0.15");

        List<RunRecord> runs = List.of(
                RunRecord.of("explorer", FAMILY, BASELINE, "ioctl-vs-unplug", "", 240, 3.0, "ok", ""),
                RunRecord.of("explorer", FAMILY, BASELINE, "close-vs-unplug", "fail-nth sweep", 100, 1.0, "ok", ""),
                RunRecord.of("explorer", FAMILY, BASELINE, "close-vs-unplug", "", 80, 0.5, "ok", ""),
                RunRecord.of("explorer", FAMILY, FIXED, "ioctl-vs-unplug", "", 300, 3.5, "ok", ""),
                new RunRecord("stress", FAMILY, BASELINE, "ioctl-vs-unplug", "delay AFTER_UNPLUGGED_CHECK", 5000,
                        10.0, "ok", "", List.of(new WindowStat(WINDOW, 5000, 1200, 5000, 40),
                        new WindowStat(OTHER_WINDOW, 800, 0, 800, 0)),
                        List.of(latency("remove", 5000, 12, 80), latency("close", 30, 5, 9)), null),
                RunRecord.of("stress", FAMILY, BASELINE, "mmap-vs-unplug", "", 2000, 5.0, "ok", ""),
                new RunRecord("stress", FAMILY, FIXED, "ioctl-vs-unplug", "delay AFTER_UNPLUGGED_CHECK", 4000,
                        10.0, "incomplete", "budget ran out", List.of(new WindowStat(WINDOW, 4000, 900, 4000, 0)),
                        List.of(latency("remove", 4000, 15, 120), latency("close", 40, 6, 12)), null),
                readSide(BASELINE, 40.0),
                readSide(FIXED, 110.0));

        List<FindingRecord> findings = List.of(
                new FindingRecord("explorer", FAMILY, BASELINE, "ioctl-vs-unplug", "", 42L, UAF_DEFECT, uaf(),
                        List.of("ioctl", "remover", "ioctl"), 2.5, 17, UAF_FILE),
                new FindingRecord("stress", FAMILY, BASELINE, "ioctl-vs-unplug", "delay AFTER_UNPLUGGED_CHECK", 7L,
                        UAF_DEFECT, uaf(), List.of(), 0.125, 1200, null),
                new FindingRecord("stress", FAMILY, BASELINE, "ioctl-vs-unplug", "", 7L, null,
                        finding(Kind.ERRNO, "poll returned -19 as a mask", "poll"), List.of(), 4.0, 3000, null),
                new FindingRecord("stress", FAMILY, FIXED, "ioctl-vs-unplug", "", 9L, null,
                        finding(Kind.HANG, NASTY_SUMMARY, "srcu drm_unplug_srcu"), List.of(), 6.0, 2500, null));
        return new Results(List.of(meta), catalogue, runs, findings);
    }

    /** A use-after-free with {@value #WITNESS_STEPS} witness steps, numbered 1.., the last at the window. */
    static Finding uaf() {
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i < WITNESS_STEPS; i++) {
            steps.add(new Step(i, i % 2 == 0 ? "remover" : "ioctl", "STEP_" + i));
        }
        steps.add(new Step(WITNESS_STEPS, "ioctl", WINDOW));
        return new Finding(Kind.UAF, "use-after-free of drm_device#3 by ioctl", "drm_device#3",
                List.of(Role.of("accessed by", new Site("ioctl", WINDOW, "read dev->driver")),
                        Role.of("freed by", new Site("remover", "AFTER_PUT", "kfree(drm_device)"))),
                steps, List.of(new Firing(1, "delay", WINDOW, "ioctl", 1, "delay park 200us")), "");
    }

    static Finding finding(Kind kind, String summary, String object) {
        return new Finding(kind, summary, object,
                List.of(Role.of("blocked", new Site("remover", "SYNCHRONIZE_SRCU", "synchronize_srcu"))),
                List.of(new Step(1, "remover", "op remove"), new Step(2, "remover", "SYNCHRONIZE_SRCU")),
                List.of(), "");
    }

    /** A cost-engine run: one read-side call timed at {@code ns} per call. */
    static RunRecord readSide(String variant, double ns) {
        return new RunRecord("cost", FAMILY, variant, "read-side", "", 1_000_000, 0.5, "ok", "", List.of(), List.of(),
                new ReadSideCost("ioctl(GET_PARAM)", 1_000_000, 5, ns, ns * 0.9, ns * 1.5));
    }

    /** {@code n} samples with an fd open: 55% at {@code p50}, then the middle, the top 2% at {@code p99}. */
    static LatencyStat latency(String op, int n, long p50, long p99) {
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(2);
        for (int i = 0; i < n; i++) {
            h.recordValue(i < n * 0.55 ? p50 : i < n * 0.98 ? (p50 + p99) / 2 : p99);
        }
        return LatencyStat.of(op, "FD_OPEN", h);
    }

    /** A night against the one before: the fix's hang is a regression, the baseline's errno is new. */
    static dev.unbind.history.SinceLastNight since() {
        var hang = new dev.unbind.history.SinceLastNight.Entry("HANG|srcu drm_unplug_srcu", FIXED, null, "HANG",
                NASTY_SUMMARY, "2025-01-02", 1, "a variant that must keep every property now hangs");
        var errno = new dev.unbind.history.SinceLastNight.Entry("ERRNO|poll", BASELINE, null, "ERRNO",
                "poll returned -19 as a mask", "2025-01-02", 1, "");
        var trend = new dev.unbind.history.SinceLastNight.Trend(FAMILY, FAMILY, List.of("2025-01-01", "2025-01-02"),
                java.util.Arrays.asList(2.0, 2.5));
        return new dev.unbind.history.SinceLastNight(dev.unbind.history.SinceLastNight.FORMAT, "2025-01-02", "2025-01-01", 2,
                List.of(errno), List.of(), List.of(hang), List.of(), List.of(), List.of(trend), List.of());
    }
}
