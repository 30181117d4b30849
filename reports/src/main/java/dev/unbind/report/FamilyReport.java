package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.CiVerdict;
import dev.unbind.result.Results;
import dev.unbind.result.TeardownLatencies;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the text reports show about one family, computed once for Markdown and HTML alike:
 * what the main page shows (verdicts, the findings table, residual windows, costs) and what its
 * detail and witness pages show.
 */
record FamilyReport(String id, String title, String summary, boolean ok, List<String> failing, List<List<Cell>> changes,
                    List<List<Cell>> changedLines,
                    Table verdicts, FilterableTable findings, List<Witness> witnesses,
                    Table defects, BarChart detections,
                    Table engineOverview, Table engineRuns,
                    Table windows, BarChart windowRates, List<List<Cell>> residual,
                    Table readSide, BarChart readSideChart, TeardownLatencies latencies, VerdictCard card,
                    List<String> errnoContract) {

    static FamilyReport of(Assessment.FamilyView f, Results results, ProblemIndex problems, SourceLinks links) {
        Witnesses w = Witnesses.of(f, results);
        WindowCoverage windows = WindowCoverage.of(f);
        List<String> failing = f.variants().stream().filter(v -> v.ci() == CiVerdict.NOT_MET).map(v -> v.info().id()).toList();
        List<Witness> all = new ArrayList<>(w.catalogued());
        all.addAll(w.uncatalogued());
        return new FamilyReport(f.info().id(), f.info().title(), f.info().summary(), failing.isEmpty(), failing,
                Verdicts.changesInBrief(f, detailPage(f.info().id())), Verdicts.changes(f, links), VerdictTable.of(f, w), FindingsTable.of(f, problems, w), List.copyOf(all),
                DefectTable.of(f, problems, w), DefectTable.chart(f),
                EngineTables.overview(f), EngineTables.runs(f),
                windows.table(), windows.chart(), windows.residual(),
                ReadSideTable.of(f), ReadSideTable.chart(f), f.teardown(), VerdictCard.of(f, windows, w),
                f.info().errnoContract() == null ? List.of() : f.info().errnoContract());
    }

    /** The family's detail page, without extension. */
    String detailPage() {
        return detailPage(id);
    }

    static String detailPage(String family) {
        return "families/" + family;
    }
}
