package dev.unbind.report;

import dev.unbind.result.TeardownLatencies;

import java.util.List;

/**
 * A family's detail page, beside the main report ({@code families/<id>}): every figure the main
 * page sums up — each catalogued defect per engine, every race window, the teardown latency of every
 * scenario, every engine run.
 */
final class FamilyDetailPage {
    private FamilyDetailPage() {
    }

    static void render(FamilyReport f, Sink out) {
        String id = f.id();
        out.heading(1, id + " — details", "details-" + id);
        out.paragraph(List.of(Cell.text("The figures behind the "), Cell.text(id).link("#" + id),
                Cell.text(" section of the report: " + f.title() + ".")));

        out.heading(2, "What each fix changes", id + "-changes");
        out.bullets(f.changedLines());

        out.heading(2, "Catalogued defects, per engine", id + "-defects");
        if (f.defects().isEmpty()) {
            out.paragraph(List.of(Cell.text("No catalogued defect belongs to the variants that ran.").tone(Tone.NONE)));
        } else {
            out.table(f.defects());
        }
        if (f.detections().bars().stream().anyMatch(BarChart.Bar::drawn)) {
            out.chart(f.detections());
        }

        out.heading(2, "Race-window coverage", id + "-windows");
        if (f.windows().isEmpty()) {
            out.paragraph(List.of(Cell.text("No run counted race windows (stress records them).").tone(Tone.NONE)));
        } else {
            out.table(f.windows());
        }
        if (!f.windowRates().isEmpty()) {
            out.chart(f.windowRates());
        }
        if (!f.residual().isEmpty()) {
            out.heading(3, "Residual windows", id + "-residual");
            out.bullets(f.residual());
        }

        out.heading(2, "Teardown latency, per scenario", id + "-latencies");
        TeardownLatencies l = f.latencies();
        if (l.isEmpty()) {
            out.paragraph(List.of(Cell.text("No latencies were measured (stress records them).").tone(Tone.NONE)));
        } else {
            out.details("Per scenario: " + l.entries().size() + " measurements", () -> out.table(CostTable.detail(l)));
        }

        out.heading(2, "Engines", id + "-engines");
        out.table(f.engineOverview());
        out.details("Every run: " + f.engineRuns().rows().size() + " run records", () -> out.table(f.engineRuns()));
    }
}
