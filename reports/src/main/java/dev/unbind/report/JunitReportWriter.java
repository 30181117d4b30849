package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.Meta;
import dev.unbind.result.ReportWriter;
import dev.unbind.result.Results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code junit.xml}: the assessment as JUnit test results for CI (one {@code <testsuite
 * name="unbind.<family>">} per family, see {@link JunitSuites}). Every text is escaped; a failure
 * body holds the finding and its KASAN-style report.
 */
public final class JunitReportWriter implements ReportWriter {
    @Override
    public String fileName() {
        return "junit.xml";
    }

    @Override
    public void write(Assessment assessment, Results results, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(fileName()), render(JunitSuites.of(assessment), assessment.metas()),
                StandardCharsets.UTF_8);
    }

    static String render(JunitSuites model, List<Meta> metas) {
        List<JunitSuites.Suite> suites = model.suites();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"unbind\"");
        counts(x, suites.stream().mapToLong(s -> s.cases().size()).sum(),
                suites.stream().mapToLong(s -> s.count(JunitSuites.Outcome.FAILED)).sum(),
                suites.stream().mapToLong(s -> s.count(JunitSuites.Outcome.SKIPPED)).sum(),
                suites.stream().mapToDouble(JunitSuites.Suite::time).sum());
        x.append(">\n");
        for (JunitSuites.Suite s : suites) {
            x.append("  <testsuite name=\"").append(attr(s.name())).append('"');
            counts(x, s.cases().size(), s.count(JunitSuites.Outcome.FAILED), s.count(JunitSuites.Outcome.SKIPPED),
                    s.time());
            x.append(">\n");
            properties(x, metas);
            s.cases().forEach(c -> testcase(x, c));
            x.append("  </testsuite>\n");
        }
        return x.append("</testsuites>\n").toString();
    }

    private static void counts(StringBuilder x, long tests, long failures, long skipped, double time) {
        x.append(" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"").append(skipped).append("\" time=\"").append(time(time)).append('"');
    }

    private static void properties(StringBuilder x, List<Meta> metas) {
        if (metas.isEmpty()) {
            return;
        }
        x.append("    <properties>\n");
        for (Meta m : metas) {
            property(x, "command", m.command());
            property(x, "seed", Long.toString(m.seed()));
            property(x, "budget", m.budget());
            property(x, "startedAt", m.startedAt());
        }
        x.append("    </properties>\n");
    }

    private static void property(StringBuilder x, String name, String value) {
        x.append("      <property name=\"").append(name).append("\" value=\"").append(attr(value)).append("\"/>\n");
    }

    private static void testcase(StringBuilder x, JunitSuites.Case c) {
        x.append("    <testcase classname=\"").append(attr(c.classname())).append("\" name=\"").append(attr(c.name()))
                .append("\" time=\"").append(time(c.time())).append('"');
        switch (c.outcome()) {
            case PASSED -> x.append("/>\n");
            case SKIPPED -> x.append(">\n      <skipped message=\"").append(attr(c.message())).append("\"/>\n")
                    .append("    </testcase>\n");
            case FAILED -> x.append(">\n      <failure message=\"").append(attr(c.message())).append("\" type=\"")
                    .append(attr(c.type())).append("\">").append(Escape.xml(c.body())).append("</failure>\n")
                    .append("    </testcase>\n");
        }
    }

    private static String attr(String s) {
        return Escape.xml(Escape.oneLine(s == null ? "" : s));
    }

    private static String time(double seconds) {
        return String.format(Locale.ROOT, "%.3f", Double.isFinite(seconds) && seconds > 0 ? seconds : 0);
    }
}
