package dev.unbind.history;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unbind.result.Assessment;
import dev.unbind.result.Journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tonight against the nights before it, syzbot-style: a bug (a variant's catalogued defect, or a
 * signature outside the catalogue) is one entry across nights. Written into the results directory as
 * {@code since-last-night.json}; the reports show it.
 *
 * <ul>
 *   <li><b>new</b>: found tonight, not last night (with when it was first seen, if ever);</li>
 *   <li><b>fixed</b>: found last night, not tonight, on a variant that ran tonight, and not a catalogued
 *       defect of a variant that must show it;</li>
 *   <li><b>regressions</b>: a catalogued defect found last night that the explorer, running its
 *       scenario to completion, no longer finds; a fixed variant that kept every property last night
 *       and broke one tonight;</li>
 *   <li><b>not seen</b>: a catalogued defect found last night and not tonight by engines that cannot
 *       prove it absent (stress, JCStress, a cut exploration): worth a look, not a regression;</li>
 *   <li><b>still open</b>: found both nights;</li>
 *   <li>trends over the last {@value #TREND_NIGHTS} nights: each family's median time to first
 *       detection of its catalogued defects, and each variant's read-side cost.</li>
 * </ul>
 *
 * @param previous the night compared against, or null on a history's first night
 * @param nights   nights in the trends
 */
public record SinceLastNight(String format, String night, String previous, int nights, List<Entry> newFindings,
                             List<Entry> fixed, List<Entry> regressions, List<Entry> notSeen, List<Entry> stillOpen,
                             List<Trend> detection, List<Trend> readSide) {
    public static final String FORMAT = "unbind-since-last-night/1";
    public static final String FILE = "since-last-night.json";
    static final int TREND_NIGHTS = 14;

    /**
     * One bug, or one variant (a regression of its verdict).
     *
     * @param firstSeen  the night it was first seen in the history
     * @param nightsSeen how many nights of the history found it, tonight included
     * @param why        for regressions and what was not seen: in words
     */
    public record Entry(String key, String variant, String defect, String kind, String summary, String firstSeen,
                        int nightsSeen, String why) {
    }

    /** A series over nights: {@code values} match {@code nights}, null where it was not measured. */
    public record Trend(String series, String family, List<String> nightIds, List<Double> values) {
    }

    /** Tonight against {@code earlier} (oldest first, tonight not among them). */
    public static SinceLastNight compare(List<Night> earlier, Night tonight) {
        Night prev = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
        List<Entry> fresh = new ArrayList<>();
        List<Entry> fixed = new ArrayList<>();
        List<Entry> regressions = new ArrayList<>();
        List<Entry> notSeen = new ArrayList<>();
        List<Entry> open = new ArrayList<>();
        for (Night.Finding f : tonight.findings()) {
            Entry e = entry(f, earlier, tonight, "");
            (prev != null && prev.finding(f.key()) != null ? open : fresh).add(e);
        }
        if (prev != null) {
            for (Night.Finding f : prev.findings()) {
                Night.Verdict v = tonight.verdict(f.variant());
                if (tonight.finding(f.key()) != null || v == null) {
                    continue; // still there, or its variant did not run tonight
                }
                if (f.defect() != null && !v.fixed()) {
                    String status = v.defects().getOrDefault(f.defect(), "");
                    if (status.equals(Assessment.REGRESSION)) {
                        regressions.add(entry(f, earlier, tonight, "found last night; tonight the explorer ran its "
                                + "scenario to completion and did not find it"));
                    } else {
                        notSeen.add(entry(f, earlier, tonight, "found last night; not tonight, and no engine that can "
                                + "prove it absent ran its scenario to completion"));
                    }
                } else {
                    fixed.add(entry(f, earlier, tonight, ""));
                }
            }
            for (Night.Verdict v : tonight.verdicts()) {
                Night.Verdict before = prev.verdict(v.variant());
                if (v.fixed() && !v.met() && before != null && before.met()) {
                    regressions.add(new Entry(v.variant(), v.variant(), null, String.join(", ", v.broken()),
                            "a fixed variant newly broken", tonight.id(), 1,
                            "kept every property last night; tonight broken: " + String.join(", ", v.broken())));
                }
            }
        }
        List<Night> window = new ArrayList<>(earlier.subList(Math.max(0, earlier.size() - (TREND_NIGHTS - 1)), earlier.size()));
        window.add(tonight);
        return new SinceLastNight(FORMAT, tonight.id(), prev == null ? null : prev.id(), window.size(), fresh, fixed,
                regressions, notSeen, open, Trends.detection(window), Trends.readSide(window));
    }

    private static Entry entry(Night.Finding f, List<Night> earlier, Night tonight, String why) {
        String first = tonight.id();
        int seen = tonight.finding(f.key()) != null ? 1 : 0;
        for (Night n : earlier) {
            if (n.finding(f.key()) != null) {
                seen++;
                if (n.id().compareTo(first) < 0) {
                    first = n.id();
                }
            }
        }
        return new Entry(f.key(), f.variant(), f.defect(), f.kind(), f.summary(), first, seen, why);
    }

    public void write(Path dir) throws IOException {
        Journal.json().writer(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(FILE).toFile(), this);
    }

    /** The comparison in a results directory, or null when it has none. */
    public static SinceLastNight readIn(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        return Files.isRegularFile(f) ? Journal.json().readValue(f.toFile(), SinceLastNight.class) : null;
    }
}
