package dev.unbind.report;

import dev.unbind.history.SinceLastNight;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's "Since last night" section, on its own: what a night found that the one before did
 * not, what it no longer finds and whether that is a fix or a regression, what stays open, and the
 * trends of time to first detection and read-side cost ({@link SinceLastNight}).
 */
final class SinceLastNightSection {
    private SinceLastNightSection() {
    }

    static void render(SinceLastNight s, Sink out) {
        out.heading(2, "Since last night", "since-last-night");
        out.paragraph(headline(s));
        table(out, "Regressions", s.regressions(), Tone.BAD, true);
        if (s.previous() != null) {
            table(out, "New", s.newFindings(), Tone.WARN, false);
            table(out, "Fixed", s.fixed(), Tone.GOOD, false);
            table(out, "Not seen tonight", s.notSeen(), Tone.WARN, true);
        }
        if (!s.stillOpen().isEmpty()) {
            out.paragraph(List.of(Cell.text("Still open: " + count(s.stillOpen().size(), "bug")
                    + " found both nights (the catalogued ones on the variants that must show them among them).")));
        }
        trend(out, new LineChart("Median time to first detection of the catalogued defects, per family, over the last "
                + s.nights() + " nights", true, "s", nights(s.detection()), series(s.detection())));
        for (String family : families(s.readSide())) {
            List<SinceLastNight.Trend> mine = s.readSide().stream().filter(t -> t.family().equals(family)).toList();
            trend(out, new LineChart(family + ": read-side cost per variant, ns per call, over the last " + s.nights()
                    + " nights", false, "ns", nights(mine), series(mine)));
        }
    }

    /** The section's first sentence: regressions, new, fixed, not seen, still open (also shown under the outcomes). */
    static List<Cell> headline(SinceLastNight s) {
        if (s.previous() == null) {
            return List.of(Cell.text("The first night of this history: " + count(s.newFindings().size(), "bug")
                    + " recorded; the next night is compared with this one."));
        }
        return List.of(Cell.text("Tonight (" + s.night() + ") against " + s.previous() + ": "),
                s.regressions().isEmpty() ? Cell.text("no regression").tone(Tone.GOOD)
                        : Cell.text(count(s.regressions().size(), "regression")).tone(Tone.BAD),
                Cell.text(", " + s.newFindings().size() + " new, " + s.fixed().size() + " fixed, "
                        + s.notSeen().size() + " not seen, " + s.stillOpen().size() + " still open."));
    }

    private static void table(Sink out, String title, List<SinceLastNight.Entry> entries, Tone tone, boolean why) {
        if (entries.isEmpty()) {
            return;
        }
        out.heading(3, title, "since-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        Table.Builder t = new Table.Builder().col("Bug").col("Variant").col("Kind").col("What").col("First seen").num("Nights");
        if (why) {
            t.col("Why");
        }
        for (SinceLastNight.Entry e : entries) {
            List<Cell> row = new ArrayList<>(List.of(
                    (e.defect() != null ? Cell.ref(e.defect()) : Cell.code(e.key())).tone(tone),
                    Cell.ref(e.variant()), Cell.text(e.kind()), Cell.text(e.summary()), Cell.text(e.firstSeen()),
                    Cell.text(Integer.toString(e.nightsSeen()))));
            if (why) {
                row.add(Cell.text(e.why()));
            }
            t.row(row);
        }
        out.table(t.build());
    }

    private static void trend(Sink out, LineChart chart) {
        if (chart.drawable()) {
            out.trend(chart);
        }
    }

    private static List<String> nights(List<SinceLastNight.Trend> trends) {
        return trends.isEmpty() ? List.of() : trends.get(0).nightIds();
    }

    private static List<LineChart.Series> series(List<SinceLastNight.Trend> trends) {
        return trends.stream().map(t -> new LineChart.Series(t.series(), t.values())).toList();
    }

    private static List<String> families(List<SinceLastNight.Trend> trends) {
        return trends.stream().map(SinceLastNight.Trend::family).distinct().toList();
    }

    private static String count(int n, String one) {
        return n + " " + (n == 1 ? one : one + "s");
    }
}
