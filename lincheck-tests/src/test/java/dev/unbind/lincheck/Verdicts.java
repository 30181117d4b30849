package dev.unbind.lincheck;

import dev.unbind.engine.lincheck.CheckVerdict;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckFailureReport;
import dev.unbind.result.Catalogue;
import dev.unbind.subject.Subjects;
import org.jetbrains.lincheck.LincheckAssertionError;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs one derived check, with its family's own options, and states what it must show. */
public final class Verdicts {
    private static final int SHOWN_LINES = 60;

    private Verdicts() {
    }

    private static final Catalogue CATALOGUE = Catalogue.of(Subjects.load());

    /** What the check must show, read as the nightly engine reads it ({@link CheckVerdict}). */
    public static void assertAsExpected(LincheckCheck c) {
        CheckVerdict v;
        String message = null;
        try {
            c.check();
            v = CheckVerdict.passed(c);
        } catch (LincheckAssertionError e) {
            message = e.getMessage();
            v = CheckVerdict.failed(c, LincheckFailureReport.read(message, c.variant(), c.name(), CATALOGUE));
        }
        String shown = message == null ? "" : "\n" + head(message);
        CheckVerdict verdict = v;
        assertTrue(verdict.status().equals("ok") && !verdict.unexpected(), () -> c.displayName() + ": " + verdict.note() + shown);
    }

    /** The check fails, as it must, naming a defect it may find; its message. */
    public static String assertFinds(LincheckCheck c) {
        String m = failure(c);
        CheckVerdict v = CheckVerdict.failed(c, LincheckFailureReport.read(m, c.variant(), c.name(), CATALOGUE));
        assertTrue(!v.unexpected(), () -> c.displayName() + ": " + v.note() + "\n" + head(m));
        return m;
    }

    /** The check fails; its message (Lincheck's report, interleaving included). */
    public static String failure(LincheckCheck c) {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class, c::check,
                () -> c.displayName() + ": model checking must " + c.expectation());
        return String.valueOf(e.getMessage());
    }

    /** The check passes: no interleaving explored breaks the contract or a lifetime property. */
    public static void assertPasses(LincheckCheck c) {
        try {
            c.check();
        } catch (LincheckAssertionError e) {
            fail(c.displayName() + " must keep every property, but Lincheck found:\n" + head(e.getMessage()));
        }
    }

    public static String head(String message) {
        String[] lines = String.valueOf(message).split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, SHOWN_LINES); i++) {
            b.append(lines[i].length() > 200 ? lines[i].substring(0, 200) + "..." : lines[i]).append('\n');
        }
        return b.append(lines.length > SHOWN_LINES ? "... (" + lines.length + " lines)" : "").toString();
    }
}
