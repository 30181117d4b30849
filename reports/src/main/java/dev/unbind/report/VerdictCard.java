package dev.unbind.report;

import dev.unbind.finding.Kind;
import dev.unbind.result.Assessment;
import dev.unbind.result.CiVerdict;
import dev.unbind.result.FixVerdict;
import dev.unbind.result.LatencyStat;
import dev.unbind.result.TeardownLatencies;
import dev.unbind.subject.Situation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A family on one screen: its variants side by side in the thread's order, and per variant its fix
 * verdict against what it was expected to do, the properties it breaks (each defect by its short
 * name, linked to its witness, its title on hover), its residual windows (how often they were
 * reached open and turned into a violation), what it costs every call (the read side over the
 * pre-fix code, with its interval) and the remover (p50/p99 with an fd open and with a reader
 * blocked, each with its sample count), and the family's recommendation. Every figure is the
 * assessment's ({@link Assessment.FamilyView}); the card only lays them out.
 */
record VerdictCard(String family, String title, Table table, List<Cell> recommendation) {
    /** Windows shown per variant: the violated ones first, then the most often open. */
    private static final int WINDOWS_SHOWN = 2;

    /** How to read every card, said once above them. */
    static final String LEGEND = "Verdict: does the fix hold (\"not as expected\": its catalogue expected otherwise). "
            + "Broken: each defect by its name (its title on hover), linked to its witness. Residual windows: open = "
            + "reached while the other side was in flight, of all hits; violated = runs where it turned into a bug, of "
            + "the runs that reached it. Read side: ns per call as a factor over the pre-fix code's, with its interval "
            + "(within noise when that holds 1). Remove: p50 / p99 µs (samples), every scenario of the situation "
            + "merged; under " + LatencyStat.MIN_SAMPLES + " samples a p99 is compared with nothing.";

    static VerdictCard of(Assessment.FamilyView f, WindowCoverage windows, Witnesses w) {
        List<Assessment.VariantView> vs = f.variants();
        Table.Builder t = new Table.Builder().col("");
        vs.forEach(v -> t.col(v.info().id()));
        t.row(row("Expectation", vs, v -> Cell.text(VerdictTable.expectation(v.info()))));
        t.row(row("Verdict", vs, VerdictCard::verdict));
        t.row(row("Broken", vs, v -> broken(f, v, w)));
        t.row(row("Residual windows", vs, v -> residual(v, windows)));
        t.row(row("Read side vs. pre-fix", vs, v -> readSide(f, v)));
        t.row(row("Remove, fd open", vs, v -> remove(f.teardown(), v, Situation.FD_OPEN)));
        t.row(row("Remove, reader blocked", vs, v -> remove(f.teardown(), v, Situation.READER_BLOCKED)));
        return new VerdictCard(f.info().id(), f.info().title(), t.build(), Verdicts.recommendation(f.recommendation()));
    }

    private static List<Cell> row(String label, List<Assessment.VariantView> vs, Function<Assessment.VariantView, Cell> cell) {
        List<Cell> r = new ArrayList<>();
        r.add(Cell.text(label));
        vs.forEach(v -> r.add(cell.apply(v)));
        return r;
    }

    /** The fix verdict (does it hold), and whether that is what the catalogue expected (the CI verdict). */
    static Cell verdict(Assessment.VariantView v) {
        Cell fix = Verdicts.fix(v.fix());
        boolean unexpected = v.ci() == CiVerdict.NOT_MET;
        Tone tone = unexpected ? Tone.BAD : v.fix().state() == FixVerdict.State.BROKEN ? Tone.EXPECTED : fix.tone();
        return Cell.text(fix.text() + (unexpected ? " (not as expected)" : "")).tone(tone);
    }

    /** Per broken property, its defects by name and the bugs the catalogue lacks. */
    private static Cell broken(Assessment.FamilyView f, Assessment.VariantView v, Witnesses w) {
        List<Cell> parts = new ArrayList<>();
        for (Kind k : v.fix().broken()) {
            List<Assessment.DefectView> found = v.defects().stream().filter(d -> d.found() && d.defect().property() == k).toList();
            List<Witness> other = w.uncatalogued().stream()
                    .filter(x -> x.record().variant().equals(v.info().id()) && x.record().finding().kind() == k).toList();
            if (!parts.isEmpty()) {
                parts.add(Cell.BREAK);
            }
            parts.add(Cell.text(k.name() + ": "));
            for (int i = 0; i < found.size(); i++) {
                var d = found.get(i).defect();
                String name = d.id().startsWith(d.variant() + ".") ? d.id().substring(d.variant().length() + 1) : d.id();
                parts.add(Cell.text(name).link("#" + Witnesses.anchor(f, d)).hint(d.title()));
                parts.add(Cell.text(i + 1 < found.size() || !other.isEmpty() ? ", " : ""));
            }
            if (!other.isEmpty()) {
                parts.add(Cell.text(other.size() + " not catalogued").tone(v.info().fixed() ? Tone.BAD : Tone.WARN)
                        .link("#" + other.get(0).anchor()));
            }
        }
        return parts.isEmpty() ? Cell.text(Fmt.NONE).tone(Tone.NONE) : Cell.of(parts);
    }

    private static Cell residual(Assessment.VariantView v, WindowCoverage windows) {
        List<WindowCoverage.Row> mine = windows.rows().stream().filter(r -> r.variant().equals(v.info().id())).toList();
        if (mine.isEmpty()) {
            return Cell.text("not measured").tone(Tone.NONE);
        }
        List<WindowCoverage.Row> open = mine.stream().filter(r -> r.racing() > 0)
                .sorted(Comparator.comparingLong(WindowCoverage.Row::violations).reversed()
                        .thenComparing(Comparator.comparingLong(WindowCoverage.Row::racing).reversed())).toList();
        List<Cell> parts = new ArrayList<>(List.of(Cell.text(open.size() + " of " + mine.size() + " open")));
        for (WindowCoverage.Row r : open.subList(0, Math.min(WINDOWS_SHOWN, open.size()))) {
            parts.add(Cell.BREAK);
            parts.add(Cell.code(shortPoint(r.point())).hint(r.point()));
            parts.add(Cell.text(" open " + rate(r.racing(), r.hits()) + ", violated " + rate(r.violations(), r.runs()))
                    .tone(r.violations() > 0 ? Tone.BAD : Tone.PLAIN));
        }
        long violated = open.stream().filter(r -> r.violations() > 0).count();
        if (open.size() > WINDOWS_SHOWN) {
            parts.add(Cell.BREAK);
            parts.add(Cell.text("+" + (open.size() - WINDOWS_SHOWN) + " more"
                    + (violated > WINDOWS_SHOWN ? ", " + (violated - WINDOWS_SHOWN) + " violated" : "")));
        }
        return Cell.of(parts);
    }

    /** {@code 24.0% (1200/5000)}. */
    private static String rate(long part, long whole) {
        return Fmt.percent(part, whole) + " (" + part + "/" + whole + ")";
    }

    /** {@code release.begin} of {@code uio.release.begin}: the family is the card's. */
    private static String shortPoint(String point) {
        int dot = point.indexOf('.');
        return dot < 0 ? point : point.substring(dot + 1);
    }

    /** The factor over the pre-fix code with its interval; the pre-fix code's own figure in ns. */
    private static Cell readSide(Assessment.FamilyView f, Assessment.VariantView v) {
        if (v.readSide().isEmpty()) {
            return Cell.text("not measured").tone(Tone.NONE);
        }
        return f.readSideOverFirst(v).map(x -> Double.isNaN(x.value()) ? Cell.text(Fmt.NONE).tone(Tone.NONE)
                        : Cell.text(x.words()).tone(x.withinNoise() ? Tone.NONE : Tone.PLAIN))
                .orElse(Cell.text(Fmt.nanos(v.readSide().get().medianNs()) + " ns"
                        + (v == f.variants().get(0) ? " (pre-fix)" : "")));
    }

    private static Cell remove(TeardownLatencies l, Assessment.VariantView v, Situation situation) {
        return l.get(v.info().id(), situation.name(), "remove").map(m -> {
            Cell c = Cell.text(CostTable.percentiles(m));
            return m.tooFew() ? Cell.of(List.of(c, Cell.BREAK, Cell.text("too few samples").tone(Tone.NONE))) : c;
        }).orElse(Cell.text(Fmt.NONE).tone(Tone.NONE));
    }
}
