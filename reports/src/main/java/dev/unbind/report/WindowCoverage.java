package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.Catalogue;
import dev.unbind.result.RunRecord;
import dev.unbind.result.WindowStat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Race-window coverage from the run records that count windows (stress): per variant and point,
 * summed over scenarios. The same numbers read per variant are the residual window: a fix that
 * keeps every property may still leave a window open; how often it was open and never turned into
 * a violation is what the run can say about it.
 */
final class WindowCoverage {
    /** One variant's counts at one point. */
    record Row(String variant, String point, long hits, long racing, long runs, long violations) {
        Row plus(WindowStat w) {
            return new Row(variant, point, hits + w.hits(), racing + w.racing(), runs + w.runs(),
                    violations + w.violations());
        }
    }

    private final Assessment.FamilyView family;
    private final List<Row> rows;

    private WindowCoverage(Assessment.FamilyView family, List<Row> rows) {
        this.family = family;
        this.rows = rows;
    }

    static WindowCoverage of(Assessment.FamilyView family) {
        List<String> points = family.info().points().stream().map(Catalogue.PointInfo::name).toList();
        Comparator<String> pointOrder = Comparator.comparingInt((String p) -> points.contains(p) ? points.indexOf(p)
                : points.size()).thenComparing(p -> p);
        List<Row> rows = new ArrayList<>();
        for (Assessment.VariantView v : family.variants()) {
            Map<String, Row> byPoint = new LinkedHashMap<>();
            for (RunRecord r : v.runs()) {
                for (WindowStat w : r.windows()) {
                    Row first = new Row(v.info().id(), w.point(), 0, 0, 0, 0).plus(w);
                    byPoint.merge(w.point(), first, (sum, ignored) -> sum.plus(w));
                }
            }
            byPoint.values().stream().sorted(Comparator.comparing(Row::point, pointOrder)).forEach(rows::add);
        }
        return new WindowCoverage(family, List.copyOf(rows));
    }

    List<Row> rows() {
        return rows;
    }

    /** The object types a window guards, as the catalogue of the run recorded them. */
    Cell guards(String point) {
        String g = family.info().points().stream().filter(p -> p.name().equals(point)).map(Catalogue.PointInfo::guards)
                .filter(x -> x != null && !x.isEmpty()).findFirst().orElse(null);
        return g == null ? Cell.text("not recorded").tone(Tone.NONE) : Cell.code(g.replace("|", " | "));
    }

    Table table() {
        Table.Builder t = new Table.Builder().col("Variant").col("Window").col("Guards").num("Hits").num("Racing hits")
                .num("% racing").num("Runs").num("Violations").num("Violation rate");
        for (Row r : rows) {
            t.row(List.of(Cell.ref(r.variant()), Cell.code(r.point()), guards(r.point()), Cell.text(Fmt.count(r.hits())),
                    Cell.text(Fmt.count(r.racing())), Cell.text(Fmt.percent(r.racing(), r.hits())),
                    Cell.text(Fmt.count(r.runs())),
                    Cell.text(Fmt.count(r.violations())).tone(r.violations() > 0 ? Tone.BAD : Tone.PLAIN),
                    Cell.text(Fmt.percent(r.violations(), r.runs()))));
        }
        return t.note("Racing hits: the point was reached while an operation of the other side was in flight "
                + "(the window was really open). Violations: runs in which an actor that passed the open window "
                + "then, in the same operation, made the offending access of a finding on an object the window "
                + "guards; violation rate: of the runs that passed the point.").build();
    }

    /** Racing-hit rate per window (group) and variant (series). */
    BarChart chart() {
        List<String> variants = family.variants().stream().map(v -> v.info().id())
                .filter(id -> rows.stream().anyMatch(r -> r.variant().equals(id))).toList();
        List<BarChart.Bar> bars = new ArrayList<>();
        rows.stream().map(Row::point).distinct().forEach(point -> {
            for (Row r : rows) {
                if (!r.point().equals(point)) {
                    continue;
                }
                String label = r.hits() == 0 ? "never reached"
                        : Fmt.percent(r.racing(), r.hits()) + " of " + r.hits() + " hits"
                        + (r.violations() > 0 ? " · " + r.violations() + " violations" : "");
                double value = r.hits() == 0 ? Double.NaN : 100.0 * r.racing() / r.hits();
                bars.add(new BarChart.Bar(point, variants.indexOf(r.variant()), value, label));
            }
        });
        return new BarChart("Racing-hit rate per race window (% of hits with the window open)",
                BarChart.Axis.PERCENT, variants, bars);
    }

    /** Per variant, one sentence on the windows that were really open and what came of them. */
    List<List<Cell>> residual() {
        List<List<Cell>> out = new ArrayList<>();
        for (Assessment.VariantView v : family.variants()) {
            String id = v.info().id();
            List<Row> mine = rows.stream().filter(r -> r.variant().equals(id)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            List<Row> open = mine.stream().filter(r -> r.racing() > 0).toList();
            List<Cell> line = new ArrayList<>();
            line.add(Cell.ref(id));
            line.add(Cell.text(" (" + VerdictTable.expectation(v.info()) + "): "));
            if (open.isEmpty()) {
                line.add(Cell.text("no window was open in any run (" + mine.size() + " windows reached)."));
                out.add(line);
                continue;
            }
            line.add(Cell.text(open.size() + (open.size() == 1 ? " window" : " windows") + " open — "));
            for (int i = 0; i < open.size(); i++) {
                Row r = open.get(i);
                line.add(Cell.code(r.point()));
                String outcome = r.violations() == 0
                        ? "never turned into a violation (0 of " + r.runs() + " runs)"
                        : "turned into a violation in " + r.violations() + " of " + r.runs() + " runs ("
                        + Fmt.percent(r.violations(), r.runs()) + ")";
                line.add(Cell.text(" racing " + r.racing() + " times, " + outcome)
                        .tone(r.violations() > 0 ? Tone.BAD : Tone.PLAIN));
                line.add(Cell.text(i + 1 < open.size() ? "; " : "."));
            }
            out.add(line);
        }
        return out;
    }
}
