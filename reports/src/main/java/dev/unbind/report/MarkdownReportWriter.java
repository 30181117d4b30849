package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.ReportWriter;
import dev.unbind.result.Results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code report.md}: the comparison report for reviewers and for pasting into a mailing-list reply. */
public final class MarkdownReportWriter implements ReportWriter {
    @Override
    public String fileName() {
        return "report.md";
    }

    @Override
    public void write(Assessment assessment, Results results, Path dir) throws IOException {
        MarkdownSink sink = new MarkdownSink();
        ReportOutline.render(ReportView.of(assessment, results, dir), sink);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(fileName()), sink.toString(), StandardCharsets.UTF_8);
    }
}
