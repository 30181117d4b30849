package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.Results;

import java.util.List;

/** Everything the text reports show about one family, computed once for Markdown and HTML alike. */
record FamilyReport(String id, String title, String summary, boolean ok, List<String> failing,
                    Table verdicts, Table defects, BarChart detections,
                    List<Witness> witnesses, List<Witness> uncatalogued,
                    Table engineOverview, Table engineRuns,
                    Table windows, BarChart windowRates, List<List<Cell>> residual,
                    Table readSide, BarChart readSideChart, Table costs, List<String> errnoContract) {

    static FamilyReport of(Assessment.FamilyView f, Results results, ProblemIndex problems) {
        Witnesses w = Witnesses.of(f, results);
        WindowCoverage windows = WindowCoverage.of(f);
        List<String> failing = f.variants().stream().filter(v -> !v.metExpectation()).map(v -> v.info().id()).toList();
        return new FamilyReport(f.info().id(), f.info().title(), f.info().summary(), failing.isEmpty(), failing,
                VerdictTable.of(f, w), DefectTable.of(f, problems, w), DefectTable.chart(f),
                w.catalogued(), w.uncatalogued(),
                EngineTables.overview(f), EngineTables.runs(f),
                windows.table(), windows.chart(), windows.residual(),
                ReadSideTable.of(f), ReadSideTable.chart(f), CostTable.of(f),
                f.info().errnoContract() == null ? List.of() : f.info().errnoContract());
    }
}
