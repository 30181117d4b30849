package dev.unbind.cli;

import dev.unbind.result.MutationResults;
import dev.unbind.result.MutationResults.Counts;
import dev.unbind.result.MutationResults.MutantResult;
import dev.unbind.result.MutationResults.Status;
import dev.unbind.result.MutationResults.VariantMutation;

import java.io.PrintStream;
import java.util.List;

/** The console form of mutation results: a table per variant, its survivors' lines, and the kill rates. */
final class MutationTable {
    private MutationTable() {
    }

    static void print(VariantMutation v, PrintStream out) {
        out.println();
        out.printf("%s — %d mutants in %s%s%s%n", v.variant(), v.mutants().size(), String.join(", ", v.ownClasses()),
                v.dropped() == 0 ? "" : " (" + v.dropped() + " left out: they would not verify)",
                v.notRun() == 0 ? "" : " (" + v.notRun() + " not run: the budget was spent)");
        if (!v.baseline().clean()) {
            out.println("  " + v.baseline().note() + ": its mutants say nothing");
        }
        out.printf("  %-4s %-10s %-10s %-30s %6s  %-26s %s%n", "id", "status", "oracle", "scenario", "s", "where", "mutant");
        for (MutantResult m : v.mutants()) {
            out.printf("  %-4s %-10s %-10s %-30s %6.1f  %-26s %s%n", m.id(), m.status(), m.oracle() == null ? "" : m.oracle(),
                    m.scenario() == null ? "" : m.scenario(), m.seconds(), where(m), m.key());
        }
        Counts c = v.counts();
        out.printf("  killed %d, survived %d, timed out %d, equivalent %d: %s%n", c.killed(), c.survived(), c.timedOut(),
                c.equivalent(), rate(c));
        boolean header = false;
        for (MutantResult m : v.mutants()) {
            if (m.status() == Status.SURVIVED || m.status() == Status.TIMED_OUT) {
                if (!header) {
                    out.println("  what no scenario exercises:");
                    header = true;
                }
                out.printf("    %-4s %s  %s%n         %s%s%n", m.id(), where(m), m.source().isEmpty() ? "(no source)" : m.source(),
                        m.description(), m.status() == Status.TIMED_OUT ? " — timed out" : m.reached() ? "" : " — never reached");
            }
        }
        for (MutantResult m : v.mutants()) {
            if (m.status() == Status.EQUIVALENT) {
                out.printf("  equivalent %s %s: %s%n", m.id(), where(m), m.reason());
            }
        }
    }

    /** The mutants of a variant as a list: id, where, key, the line; equivalents with their reason. */
    static void list(String variant, List<MutantResult> mutants, PrintStream out) {
        out.println(variant + ": " + mutants.size() + " mutants");
        for (MutantResult m : mutants) {
            out.printf("  %-4s %-26s %s%n       %s%s%n", m.id(), where(m), m.key(), m.source(),
                    m.status() == Status.EQUIVALENT ? "\n       equivalent: " + m.reason() : "");
        }
    }

    /** Prints the totals; true if every variant is {@link MutationResults#enough enough}. */
    static boolean summary(MutationResults r, PrintStream out) {
        out.println();
        boolean enough = true;
        for (VariantMutation v : r.variants()) {
            Counts c = v.counts();
            boolean ok = r.enough(v);
            enough &= ok;
            out.printf("  %-28s %3d mutants  %s%s%n", v.variant(), c.mutants(), rate(c), ok ? "" : "  BELOW " + percent(r.minKillRate()));
        }
        Counts t = r.total();
        out.printf("mutation: %d mutants, %d killed, %d survived, %d timed out, %d equivalent: %s (limit %.0f s per mutant)%n",
                t.mutants(), t.killed(), t.survived(), t.timedOut(), t.equivalent(), rate(t), r.timeLimitSeconds());
        return enough;
    }

    private static String where(MutantResult m) {
        String file = m.file() == null ? m.className() : m.file().substring(m.file().lastIndexOf('/') + 1);
        return file + ":" + m.line();
    }

    private static String rate(Counts c) {
        return c.killRate() == null ? "no mutant to score"
                : "kill rate " + percent(c.killRate()) + " of " + (c.mutants() - c.equivalent()) + " non-equivalent";
    }

    private static String percent(double x) {
        return String.format("%.1f%%", 100 * x);
    }
}
