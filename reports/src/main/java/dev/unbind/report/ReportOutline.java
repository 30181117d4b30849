package dev.unbind.report;

import dev.unbind.result.TeardownLatencies;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of the comparison report's main page, shared by Markdown and HTML: header (what ran,
 * verdict, outcomes and the night since the last in a sentence, a verdict card per family, the
 * "since last night" and shards sections when there are any, contents, problems, warnings), then per family its
 * verdict table, its findings (each linking its witness page), costs and engines. Witnesses and the figures behind
 * the sums live on pages beside it ({@link WitnessPage}, {@link FamilyDetailPage}).
 */
final class ReportOutline {
    private ReportOutline() {
    }

    static void render(ReportView r, Sink out) {
        out.heading(1, "unbind: per-fix comparison report", "top");
        out.paragraph(List.of(Cell.text("CI verdict: "), Verdicts.run(r.ci()),
                Cell.text(" — " + count(r.problems().size(), "problem") + ", " + count(r.warnings().size(), "warning")
                        + ", " + count(r.families().size(), "family", "families")
                        + ". Whether each fix holds is its fix verdict, in the outcomes below.")));
        if (!r.completion().complete()) {
            out.paragraph(List.of(Cell.text("INCOMPLETE: " + r.completion().why()
                    + ". Everything below covers only what ran before that; no variant is called kept for what did not run.").tone(Tone.WARN)));
        }
        out.paragraph(List.of(Cell.text("What ran: " + r.coverage().words() + ".")));
        if (!r.metas().isEmpty()) {
            out.table(r.runs());
        }
        out.heading(2, "Outcomes", "families");
        if (r.families().isEmpty()) {
            out.paragraph(List.of(Cell.text("No family has run records in this journal.")));
        } else {
            out.table(outcomes(r));
            if (r.since() != null) { // the night in one sentence; its section follows the cards, which keep the first screen
                List<Cell> since = new ArrayList<>(List.of(Cell.text("Since last night").link("#since-last-night"),
                        Cell.text(": ")));
                since.addAll(SinceLastNightSection.headline(r.since()));
                out.paragraph(since);
            }
            out.paragraph(List.of(Cell.text("Reading the cards: " + VerdictCard.LEGEND).tone(Tone.NONE)));
            r.families().forEach(f -> card(f, out));
        }
        if (r.since() != null) {
            SinceLastNightSection.render(r.since(), out);
        }
        if (r.merge() != null) {
            ShardsSection.render(r.merge(), out);
        }
        contents(r, out);
        out.heading(2, "Problems", "problems");
        list(out, r.problems(), Tone.BAD, "None: every fixed variant kept every property, and no catalogued "
                + "defect was lost.");
        out.heading(2, "Warnings", "warnings");
        list(out, r.warnings(), Tone.WARN, "None.");
        r.families().forEach(f -> family(f, out));
    }

    private static void family(FamilyReport f, Sink out) {
        String id = f.id();
        out.heading(2, id + " — " + f.title(), id);
        if (present(f.summary())) {
            out.paragraph(List.of(Cell.text(f.summary())));
        }
        if (!f.errnoContract().isEmpty()) {
            out.paragraph(List.of(Cell.text("Errno contract (a result outside it is an ERRNO finding):")));
            out.bullets(f.errnoContract().stream().map(rule -> List.of(Cell.code(rule))).toList());
        }
        List<Cell> v = new ArrayList<>(List.of(Cell.text("CI verdict: "), verdict(f.ok())));
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
        out.heading(3, "What each fix changes", id + "-changes");
        out.bullets(f.changes());
        out.paragraph(List.of(Cell.text("Residual windows per variant: the "), Cell.text("verdict card").link("#card-" + id),
                Cell.text("; every window, with the objects it guards: "),
                Cell.text("details").link(Links.page(f.detailPage(), id + "-windows")), Cell.text(".")));

        out.heading(3, "Findings", id + "-findings");
        if (f.findings().table().isEmpty()) {
            out.paragraph(List.of(Cell.text("No catalogued defect belongs to the variants that ran, and nothing "
                    + "else was found.").tone(Tone.NONE)));
        } else {
            out.table(f.findings());
        }

        out.heading(3, "What the fix costs", id + "-costs");
        out.heading(4, "Every call: the read side", id + "-read-side");
        table(out, f.readSide(), "The read side was not measured (the cost engine measures it).");
        if (!f.readSideChart().isEmpty()) {
            out.chart(f.readSideChart());
        }
        out.heading(4, "Teardown: latency under stress, per situation", id + "-latencies");
        TeardownLatencies l = f.latencies();
        if (l.isEmpty()) {
            out.paragraph(List.of(Cell.text("No latencies were measured (stress records them).").tone(Tone.NONE)));
        } else if (l.merged()) {
            out.table(CostTable.of(l));
        } else {
            out.paragraph(List.of(Cell.text("These results predate situations and journaled histograms: the "
                    + "scenarios cannot be merged; each scenario's figures are on the details page.").tone(Tone.NONE)));
        }
        out.paragraph(List.of(Cell.text("Every scenario's figures: "),
                Cell.text("details").link(Links.page(f.detailPage(), id + "-latencies")), Cell.text(".")));

        out.heading(3, "Engines", id + "-engines");
        out.table(f.engineOverview());
        out.paragraph(List.of(Cell.text("Every run, and each defect's detection per engine: "),
                Cell.text("details").link(Links.page(f.detailPage(), null)), Cell.text(".")));
    }

    /** One line per family: its outcome in a sentence and whether it met the CI's expectations. */
    private static Table outcomes(ReportView r) {
        Table.Builder t = new Table.Builder().col("Family").col("Outcome").col("Expectations");
        for (FamilyReport f : r.families()) {
            t.row(List.of(Cell.code(f.id()).link("#card-" + f.id()), Cell.of(f.card().recommendation()),
                    f.ok() ? Cell.text("met").tone(Tone.GOOD) : Cell.text("not met").tone(Tone.BAD)));
        }
        return t.build();
    }

    /** A family on one screen: its variants side by side. */
    private static void card(FamilyReport f, Sink out) {
        VerdictCard c = f.card();
        out.heading(3, f.id() + " — " + f.title(), "card-" + f.id());
        out.card(c.table());
        List<Cell> line = new ArrayList<>(List.of(Cell.text("Recommendation: ")));
        line.addAll(c.recommendation());
        line.add(Cell.text(" "));
        line.add(Cell.text("Everything about " + f.id()).link("#" + f.id()));
        out.paragraph(line);
    }

    /** Where to go: the header sections, then each family and its sections. */
    private static void contents(ReportView r, Sink out) {
        out.heading(2, "Contents", "contents");
        List<List<Cell>> items = new ArrayList<>();
        items.add(List.of(Cell.text("Outcomes and verdict cards").link("#families"), Cell.text(" · "),
                Cell.text("Problems").link("#problems"), Cell.text(" · "), Cell.text("Warnings").link("#warnings")));
        if (r.since() != null || r.merge() != null) {
            List<Cell> night = new ArrayList<>();
            if (r.since() != null) {
                night.add(Cell.text("Since last night").link("#since-last-night"));
            }
            if (r.merge() != null) {
                night.addAll(night.isEmpty() ? List.of() : List.of(Cell.text(" · ")));
                night.add(Cell.text("Shards").link("#shards"));
            }
            items.add(night);
        }
        for (FamilyReport f : r.families()) {
            String id = f.id();
            List<Cell> line = new ArrayList<>(List.of(Cell.code(id).link("#" + id), Cell.text(": ")));
            line.add(Cell.text("card").link("#card-" + id));
            line.add(Cell.text(" · "));
            for (String part : List.of("properties", "findings", "costs", "engines")) {
                line.add(Cell.text(part).link("#" + id + "-" + part));
                line.add(Cell.text(" · "));
            }
            line.add(Cell.text("details").link(Links.page(f.detailPage(), null)));
            items.add(line);
        }
        out.bullets(items);
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
