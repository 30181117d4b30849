package dev.unbind.report;

import dev.unbind.finding.Kind;
import dev.unbind.result.Assessment;
import dev.unbind.result.ReadSideCost;
import dev.unbind.result.RunRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A family on one screen: its variants side by side in the thread's order, and per variant what it
 * was expected to do and did, the properties it breaks (each defect by its short name, linked to its
 * witness, its title on hover), its residual windows (how often they were reached open and turned
 * into a violation), what it costs every call and the remover (p50/p99 with an fd open and with a
 * reader blocked, each with its sample count), and a sentence of recommendation.
 */
record VerdictCard(String family, String title, Table table, List<Cell> recommendation) {
    /** Windows shown per variant: the violated ones first, then the most often open. */
    private static final int WINDOWS_SHOWN = 2;

    static VerdictCard of(Assessment.FamilyView f, WindowCoverage windows, TeardownLatencies latencies, Witnesses w) {
        List<Assessment.VariantView> vs = f.variants();
        Table.Builder t = new Table.Builder().col("");
        vs.forEach(v -> t.col(v.info().id()));
        t.row(row("Expectation", vs, v -> Cell.text(VerdictTable.expectation(v.info()))));
        t.row(row("Verdict", vs, VerdictCard::verdict));
        t.row(row("Broken", vs, v -> broken(f, v, w)));
        t.row(row("Residual windows", vs, v -> residual(v, windows)));
        t.row(row("Read side vs. pre-fix", vs, v -> readSide(v, vs.get(0))));
        t.row(row("Remove, fd open", vs, v -> remove(latencies, v, "FD_OPEN")));
        t.row(row("Remove, reader blocked", vs, v -> remove(latencies, v, "READER_BLOCKED")));
        return new VerdictCard(f.info().id(), f.info().title(), t.note("Broken: each defect by its name (its title on "
                + "hover), linked to its witness. Residual windows: open = reached while the other side was in flight, of "
                + "all hits; violated = runs where it turned into a bug, of the runs that reached it. Read side: "
                + "median ns per call over the pre-fix code's (fastest–slowest batch). Remove: p50 / p99 µs (samples), "
                + "every scenario of the situation merged.").build(), Recommendation.of(f, latencies));
    }

    private static List<Cell> row(String label, List<Assessment.VariantView> vs,
                                  java.util.function.Function<Assessment.VariantView, Cell> cell) {
        List<Cell> r = new ArrayList<>();
        r.add(Cell.text(label));
        vs.forEach(v -> r.add(cell.apply(v)));
        return r;
    }

    /** The fix verdict (does it hold), and whether that is what the catalogue expected (the CI verdict). */
    static Cell verdict(Assessment.VariantView v) {
        Cell fix = Verdicts.fix(v.fix());
        boolean unexpected = v.ci() == dev.unbind.result.CiVerdict.NOT_MET;
        Tone tone = unexpected ? Tone.BAD : v.fix().state() == dev.unbind.result.FixVerdict.State.BROKEN ? Tone.EXPECTED : fix.tone();
        return Cell.text(fix.text() + (unexpected ? " (not as expected)" : "")).tone(tone);
    }

    static List<String> brokenKinds(Assessment.VariantView v) {
        return v.properties().stream().filter(p -> p.verdict().equals(Assessment.BROKEN)).map(p -> p.property().name()).toList();
    }

    private static Cell broken(Assessment.FamilyView f, Assessment.VariantView v, Witnesses w) {
        List<Cell> parts = new ArrayList<>();
        for (Kind k : Kind.values()) {
            List<Assessment.DefectView> found = v.defects().stream().filter(d -> d.found() && d.defect().property() == k).toList();
            long other = v.uncatalogued().stream().filter(r -> r.finding().kind() == k).count();
            if (found.isEmpty() && other == 0) {
                continue;
            }
            if (!parts.isEmpty()) {
                parts.add(Cell.BREAK);
            }
            parts.add(Cell.text(k.name() + ": "));
            for (int i = 0; i < found.size(); i++) {
                var d = found.get(i).defect();
                String name = d.id().startsWith(d.variant() + ".") ? d.id().substring(d.variant().length() + 1) : d.id();
                parts.add(Cell.text(name).link("#" + Witnesses.anchor(f, d)).hint(d.title()));
                parts.add(Cell.text(i + 1 < found.size() || other > 0 ? ", " : ""));
            }
            if (other > 0) {
                String anchor = v.uncatalogued().stream().filter(r -> r.finding().kind() == k).map(w::anchor)
                        .filter(a -> a != null).findFirst().orElse(null);
                Cell c = Cell.text(other + " not catalogued").tone(v.info().fixed() ? Tone.BAD : Tone.WARN);
                parts.add(anchor == null ? c : c.link("#" + anchor));
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
            parts.add(Cell.text(" open " + r.racing() + "/" + r.hits() + ", violated " + r.violations() + "/" + r.runs()
                    + " (" + Fmt.percent(r.violations(), r.runs()) + ")").tone(r.violations() > 0 ? Tone.BAD : Tone.PLAIN));
        }
        long violated = open.stream().filter(r -> r.violations() > 0).count();
        if (open.size() > WINDOWS_SHOWN) {
            parts.add(Cell.BREAK);
            parts.add(Cell.text("+" + (open.size() - WINDOWS_SHOWN) + " more"
                    + (violated > WINDOWS_SHOWN ? ", " + (violated - WINDOWS_SHOWN) + " violated" : "")));
        }
        return Cell.of(parts);
    }

    /** {@code release.begin} of {@code uio.release.begin}: the family is the card's. */
    private static String shortPoint(String point) {
        int dot = point.indexOf('.');
        return dot < 0 ? point : point.substring(dot + 1);
    }

    /** The median over the pre-fix code's, with the factors of the fastest and slowest batches. */
    private static Cell readSide(Assessment.VariantView v, Assessment.VariantView first) {
        Optional<ReadSideCost> c = cost(v);
        Optional<ReadSideCost> base = cost(first);
        if (c.isEmpty()) {
            return Cell.text("not measured").tone(Tone.NONE);
        }
        if (base.isEmpty()) {
            return Cell.text(Fmt.nanos(c.get().medianNs()) + " ns");
        }
        if (v == first) {
            return Cell.text(Fmt.nanos(c.get().medianNs()) + " ns (pre-fix)");
        }
        ReadSideCost a = c.get();
        ReadSideCost b = base.get();
        String range = Fmt.factor(a.minNs(), b.maxNs()) + "–" + Fmt.factor(a.maxNs(), b.minNs()).substring(1);
        return withinNoise(a, b) ? Cell.text("within noise: " + Fmt.factor(a.medianNs(), b.medianNs()) + " (" + range + ")")
                .tone(Tone.NONE) : Cell.text(Fmt.factor(a.medianNs(), b.medianNs()) + " (" + range + ")");
    }

    /** When the batches' range of factors holds 1, the median factor is not to be ranked. */
    /** The factor's interval (paired per-round ratios, {@link ReadSideCost#over}) holds 1, or its batches were too short. */
    static boolean withinNoise(ReadSideCost a, ReadSideCost base) {
        return a.over(base).withinNoise();
    }

    private static Optional<ReadSideCost> cost(Assessment.VariantView v) {
        return v.runs().stream().map(RunRecord::readSide).filter(x -> x != null).findFirst();
    }

    private static Cell remove(TeardownLatencies l, Assessment.VariantView v, String situation) {
        return l.get(v.info().id(), situation, "remove").map(m -> {
            Cell c = Cell.text(CostTable.percentiles(m));
            return m.count() < TeardownLatencies.MIN_SAMPLES ? Cell.of(List.of(c, Cell.BREAK,
                    Cell.text("too few samples").tone(Tone.NONE))) : c;
        }).orElse(Cell.text(Fmt.NONE).tone(Tone.NONE));
    }
}
