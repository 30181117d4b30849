package dev.unbind.report;

import dev.unbind.result.FindingRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of the comparison report, shared by Markdown and HTML: header (what ran, verdict,
 * problems, warnings), then per family its verdict table, catalogued defects, witnesses, findings
 * not in the catalogue, engines, race-window coverage and costs.
 */
final class ReportOutline {
    private ReportOutline() {
    }

    static void render(ReportView r, Sink out) {
        out.heading(1, "unbind: per-fix comparison report", null);
        out.paragraph(List.of(Cell.text("Verdict: "), verdict(r.ok()),
                Cell.text(" — " + count(r.problems().size(), "problem") + ", " + count(r.warnings().size(), "warning")
                        + ", " + count(r.families().size(), "family", "families") + ".")));
        if (!r.metas().isEmpty()) {
            out.table(r.runs());
        }
        out.heading(2, "Problems", "problems");
        list(out, r.problems(), Tone.BAD, "None: every fixed variant kept every property, and no catalogued "
                + "defect was lost.");
        out.heading(2, "Warnings", "warnings");
        list(out, r.warnings(), Tone.WARN, "None.");
        if (r.since() != null) {
            SinceLastNightSection.render(r.since(), out);
        }
        if (r.merge() != null) {
            ShardsSection.render(r.merge(), out);
        }
        out.heading(2, "Families", "families");
        if (r.families().isEmpty()) {
            out.paragraph(List.of(Cell.text("No family has run records in this journal.")));
        }
        List<List<Cell>> index = new ArrayList<>();
        for (FamilyReport f : r.families()) {
            index.add(List.of(Cell.code(f.id()).link("#" + f.id()), Cell.text(" " + f.title() + ": "), verdict(f.ok())));
        }
        out.bullets(index);
        r.families().forEach(f -> family(f, out));
    }

    private static void family(FamilyReport f, Sink out) {
        String id = f.id();
        out.heading(2, id + " — " + f.title(), id);
        if (present(f.summary())) {
            out.paragraph(List.of(Cell.text(f.summary())));
        }
        List<Cell> v = new ArrayList<>(List.of(Cell.text("Verdict: "), verdict(f.ok())));
        if (f.ok()) {
            v.add(Cell.text(" — every variant met its expectation."));
        } else {
            v.add(Cell.text(" — did not meet its expectation: "));
            for (int i = 0; i < f.failing().size(); i++) {
                v.add(Cell.ref(f.failing().get(i)));
                v.add(Cell.text(i + 1 < f.failing().size() ? ", " : "."));
            }
        }
        out.paragraph(v);

        out.heading(3, "Variants × properties", id + "-properties");
        out.table(f.verdicts());

        out.heading(3, "Catalogued defects", id + "-defects");
        table(out, f.defects(), "No catalogued defect belongs to the variants that ran.");
        if (f.detections().bars().stream().anyMatch(BarChart.Bar::drawn)) {
            out.chart(f.detections());
        }

        out.heading(3, "Witnesses", id + "-witnesses");
        if (f.witnesses().isEmpty()) {
            out.paragraph(List.of(Cell.text("No catalogued defect was found.")));
        }
        f.witnesses().forEach(w -> witness(w, out));

        out.heading(3, "Found by unbind, not in the catalogue", id + "-uncatalogued");
        if (f.uncatalogued().isEmpty()) {
            out.paragraph(List.of(Cell.text("None.")));
        }
        f.uncatalogued().forEach(w -> witness(w, out));

        out.heading(3, "Engines", id + "-engines");
        out.table(f.engineOverview());
        out.table(f.engineRuns());

        out.heading(3, "Race-window coverage", id + "-windows");
        table(out, f.windows(), "No run counted race windows (stress records them).");
        if (!f.windowRates().isEmpty()) {
            out.chart(f.windowRates());
        }
        if (!f.residual().isEmpty()) {
            out.heading(4, "Residual windows", id + "-residual");
            out.bullets(f.residual());
        }

        out.heading(3, "What the fix costs", id + "-costs");
        out.heading(4, "Every call: the read side", id + "-read-side");
        table(out, f.readSide(), "The read side was not measured (the cost engine measures it).");
        if (!f.readSideChart().isEmpty()) {
            out.chart(f.readSideChart());
        }
        out.heading(4, "Remove and close: latency under stress", id + "-latencies");
        table(out, f.costs(), "No latencies were measured (stress records them).");
    }

    private static void witness(Witness w, Sink out) {
        FindingRecord r = w.record();
        out.heading(4, w.heading(), w.anchor());
        List<List<Cell>> facts = new ArrayList<>();
        facts.add(List.of(Cell.text("What: "), Cell.text(r.finding().summary())));
        if (w.defect() != null && present(w.defect().because())) {
            facts.add(List.of(Cell.text("Because: "), Cell.text(w.defect().because())));
        }
        List<Cell> where = new ArrayList<>(List.of(Cell.text("Where: "), Cell.ref(r.variant())));
        if (!r.scenario().isEmpty()) {
            where.add(Cell.text(", scenario "));
            where.add(Cell.code(r.scenario()));
        }
        where.add(Cell.text(", faults "));
        where.add(r.faults().isEmpty() ? Cell.text("none") : Cell.code(r.faults()));
        facts.add(where);
        facts.add(List.of(Cell.text("Found by: " + r.engine() + " after " + Fmt.seconds(r.secondsToDetect()) + " s and "
                + r.runsToDetect() + " " + Engines.unit(r.engine()) + " (seed " + r.seed() + ")")));
        if (!r.schedule().isEmpty()) {
            facts.add(List.of(Cell.text("Schedule: "), Cell.code(String.join(" ", r.schedule()))));
        }
        if (r.file() != null && !r.file().isEmpty()) {
            facts.add(List.of(Cell.text("Replay: "), Cell.code(r.file()).link(r.file()), Cell.text(" with "),
                    Cell.code("./unbind repro " + r.file())));
        }
        if (!w.alsoFoundBy().isEmpty()) {
            facts.add(List.of(Cell.text("Also found by: " + String.join(", ", w.alsoFoundBy()))));
        }
        if (w.defect() != null && present(w.defect().reference())) {
            facts.add(List.of(Cell.text("Reference: " + w.defect().reference())));
        }
        out.bullets(facts);
        int all = r.finding().witness().size();
        if (all == 0) {
            out.paragraph(List.of(Cell.text("Interleaving: no named steps recorded.")));
        } else {
            out.paragraph(List.of(Cell.text(w.omittedSteps() > 0
                    ? "Interleaving (the last " + w.shownSteps().size() + " of " + all + " named steps):"
                    : "Interleaving (" + all + " named steps):")));
            out.table(w.interleaving());
        }
        if (w.firings().isEmpty()) {
            out.paragraph(List.of(Cell.text("Faults fired: none.")));
        } else {
            out.paragraph(List.of(Cell.text("Faults fired:")));
            out.bullets(w.firings().stream().map(s -> List.of(Cell.code(s))).toList());
        }
        out.paragraph(List.of(Cell.text("KASAN-style report" + (w.omittedSteps() > 0
                ? " (witness cut to the steps above):" : ":"))));
        out.code(w.kasan());
    }

    private static void table(Sink out, Table t, String whenEmpty) {
        if (t.isEmpty()) {
            out.paragraph(List.of(Cell.text(whenEmpty).tone(Tone.NONE)));
        } else {
            out.table(t);
        }
    }

    private static void list(Sink out, List<String> lines, Tone tone, String whenEmpty) {
        if (lines.isEmpty()) {
            out.paragraph(List.of(Cell.text(whenEmpty)));
        } else {
            out.bullets(lines.stream().map(s -> List.of(Cell.text(s).tone(tone))).toList());
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    static Cell verdict(boolean ok) {
        return ok ? Cell.text("OK").tone(Tone.GOOD) : Cell.text("FAIL").tone(Tone.BAD);
    }

    private static String count(int n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
