package dev.unbind.lincheck;

import dev.unbind.engine.lincheck.LincheckCheck;
import org.jetbrains.lincheck.LincheckAssertionError;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs one check of the suite, with the suite's own options, and states what it must show. */
public final class Verdicts {
    private static final int SHOWN_LINES = 60;

    private Verdicts() {
    }

    /** The check fails, and its message names the catalogued defect the suite expects of it. */
    public static String assertFinds(LincheckCheck c) {
        String m = failure(c);
        assertTrue(m.contains("[" + c.expectedDefect() + "]"),
                () -> c.variant() + " / " + c.name() + ": the failure must name " + c.expectedDefect() + ", it says:\n" + head(m));
        return m;
    }

    /** The check fails; its message (Lincheck's report, interleaving included). */
    public static String failure(LincheckCheck c) {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class, () -> c.options().get().check(c.facade()),
                () -> c.variant() + " / " + c.name() + ": model checking must find " + c.expectedDefect());
        return String.valueOf(e.getMessage());
    }

    /** The check passes: no interleaving explored breaks the contract or a lifetime property. */
    public static void assertPasses(LincheckCheck c) {
        try {
            c.options().get().check(c.facade());
        } catch (LincheckAssertionError e) {
            fail(c.variant() + " / " + c.name() + " must keep every property, but Lincheck found:\n" + head(e.getMessage()));
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
