package dev.unbind.engine.lincheck;

import dev.unbind.finding.Finding;
import dev.unbind.subject.Defect;

import java.util.List;

/**
 * What one check's outcome means against what its suite expects: a check expected to pass must
 * pass, a check expected to find a defect must fail naming it. Anything else is unexpected, and
 * its note says so first ({@code UNEXPECTED: ...}), so a journal reader sees it without knowing
 * the suite.
 *
 * @param status     {@code ok} when the check ran to a verdict, {@code error} when it could not
 * @param note       {@code passed}, or Lincheck's header and the first finding, or the error
 * @param failed     Lincheck reported a failure (a finding)
 * @param unexpected the outcome is not what the check expects
 */
public record CheckVerdict(String status, String note, boolean failed, boolean unexpected) {

    /** Lincheck passed. */
    public static CheckVerdict passed(LincheckCheck c) {
        if (c.must() == LincheckCheck.Must.FAIL) {
            return new CheckVerdict("ok", "UNEXPECTED: passed, but expected to " + c.expectation(), false, true);
        }
        return new CheckVerdict("ok", "passed", false, false);
    }

    /** Lincheck failed with {@code report}. */
    public static CheckVerdict failed(LincheckCheck c, LincheckFailureReport report) {
        if (report.timedOut()) {
            return new CheckVerdict("error", "error: " + report.headline()
                    + " (an invocation ran out of wall time; not a finding)", false, false);
        }
        if (report.findings().isEmpty()) {
            return new CheckVerdict("error", "error: " + report.headline() + " (no finding in Lincheck's report)", false, false);
        }
        Finding first = report.findings().get(0);
        Defect d = report.defectOf(first);
        String note = report.headline() + ": " + FindingMessage.line(d == null ? List.of() : List.of(d.id()), first);
        if (c.must() == LincheckCheck.Must.PASS) {
            return new CheckVerdict("ok", "UNEXPECTED: expected to pass, but " + note, true, true);
        }
        java.util.Set<String> named = new java.util.TreeSet<>();
        for (Finding f : report.findings()) {
            named.addAll(report.candidatesOf(f));
        }
        if (!c.accepts(named)) {
            return new CheckVerdict("ok", "UNEXPECTED: expected to " + c.expectation() + ", but " + note, true, true);
        }
        return new CheckVerdict("ok", note, true, false);
    }

    /** The check could not run (a facade or harness error). */
    public static CheckVerdict error(Throwable t) {
        return new CheckVerdict("error", "error: " + LincheckEngine.firstLine(String.valueOf(t)), false, false);
    }
}
