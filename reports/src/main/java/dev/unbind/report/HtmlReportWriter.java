package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.ReportWriter;
import dev.unbind.result.Results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code index.html}: the comparison report as one self-contained page, with charts of time to first
 * detection and of race-window rates.
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
        HtmlSink sink = new HtmlSink("unbind report: " + (view.ok() ? "OK" : "FAIL")
                + (families.isEmpty() ? "" : " (" + families + ")"));
        ReportOutline.render(view, sink);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(fileName()), sink.toString(), StandardCharsets.UTF_8);
    }
}
