package dev.unbind.result;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One output format of the per-fix comparison report. Implementations live in the reports
 * module and are found with {@link java.util.ServiceLoader}.
 */
public interface ReportWriter {
    /** The file written into the results directory ({@code report.md}, {@code junit.xml}...). */
    String fileName();

    void write(Assessment assessment, Results results, Path dir) throws IOException;
}
