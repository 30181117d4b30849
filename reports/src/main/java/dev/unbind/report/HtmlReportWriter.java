package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.ReportWriter;
import dev.unbind.result.Results;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code index.html}: the comparison report as self-contained pages (no server, no network), with
 * charts of time to first detection and of race-window rates, one page per family's details and one
 * per witness beside it.
 */
public final class HtmlReportWriter implements ReportWriter {
    @Override
    public String fileName() {
        return "index.html";
    }

    @Override
    public void write(Assessment assessment, Results results, Path dir) throws IOException {
        ReportView view = ReportView.of(assessment, results, dir);
        String families = String.join(", ", view.families().stream().map(FamilyReport::id).toList());
        String title = "unbind report: " + view.ci().runWord() + (families.isEmpty() ? "" : " (" + families + ")");
        ReportPages.write(view, dir, Links.mainPage(fileName(), ".html"), title, HtmlSink::new);
    }
}
