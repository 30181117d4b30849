package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.ReportWriter;
import dev.unbind.result.Results;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code report.md}: the comparison report for reviewers and for pasting into a mailing-list reply,
 * with one page per family's details and one per witness beside it.
 */
public final class MarkdownReportWriter implements ReportWriter {
    @Override
    public String fileName() {
        return "report.md";
    }

    @Override
    public void write(Assessment assessment, Results results, Path dir) throws IOException {
        ReportPages.write(ReportView.of(assessment, results, dir), dir, Links.mainPage(fileName(), ".md"), "",
                (title, links) -> new MarkdownSink(links));
    }
}
