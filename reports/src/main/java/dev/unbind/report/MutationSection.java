package dev.unbind.report;

import dev.unbind.result.MutationResults;
import dev.unbind.result.MutationResults.Counts;
import dev.unbind.result.MutationResults.MutantResult;
import dev.unbind.result.MutationResults.Status;
import dev.unbind.result.MutationResults.VariantMutation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The report's mutation section, from the results directory's {@code mutation.json} (absent: no
 * section): per variant, how many of the mutants of its own code the explorer killed, and each
 * survivor's line — what no scenario exercises — with the equivalent mutants and their reasons.
 */
final class MutationSection {
    private MutationSection() {
    }

    static void render(Path dir, Sink out) {
        MutationResults r;
        try {
            r = MutationResults.read(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (r == null) {
            return;
        }
        out.heading(2, "Mutation testing: what no scenario exercises", "mutation");
        out.paragraph(List.of(Cell.text("Each corrected variant's own code (never the family core every variant shares, "
                + "never the simulated kernel) was mutated — a drain, a get or put, a wake-up removed, tryget_live made "
                + "tryget, a dead-flag store moved after its drain or out of its lock, a check dropped — and the explorer "
                + "run on each mutant with the fix's bounds (" + r.explorer() + "), at most "
                + String.format("%.0f", r.timeLimitSeconds()) + " s each; the target is " + Math.round(100 * r.minKillRate())
                + "% of the mutants that are not equivalent killed. A survivor is a line of the fix that no scenario "
                + "notices when it is wrong; a timed-out mutant is not counted as killed.")));
        Table.Builder t = new Table.Builder().col("Variant").num("Mutants").num("Killed").num("Survived")
                .num("Timed out").num("Equivalent").num("Kill rate");
        for (VariantMutation v : r.variants()) {
            Counts c = v.counts();
            t.row(List.of(Cell.code(v.variant()).link("#" + v.variant() + "-mutation"), num(c.mutants()), num(c.killed()),
                    num(c.survived()), num(c.timedOut()), num(c.equivalent()), rate(c, r.enough(v))));
        }
        out.table(t.build());
        r.variants().forEach(v -> variant(v, out));
    }

    private static void variant(VariantMutation v, Sink out) {
        out.heading(3, v.variant(), v.variant() + "-mutation");
        out.paragraph(List.of(Cell.text("Mutated: "), Cell.code(String.join(", ", v.ownClasses())),
                Cell.text(". Core, not mutated: "), Cell.code(String.join(", ", v.coreClasses())),
                Cell.text(". Unmutated: " + v.baseline().schedules() + " schedules, " + v.baseline().note() + "."
                        + (v.dropped() == 0 ? "" : " " + v.dropped() + " mutants left out (they would not verify).")
                        + (v.notRun() == 0 ? "" : " " + v.notRun() + " mutants not run (the budget was spent)."))
                        .tone(v.baseline().clean() ? Tone.PLAIN : Tone.BAD)));
        List<MutantResult> open = v.mutants().stream()
                .filter(m -> m.status() == Status.SURVIVED || m.status() == Status.TIMED_OUT).toList();
        out.heading(4, "What no scenario exercises", v.variant() + "-survivors");
        if (open.isEmpty()) {
            out.paragraph(List.of(Cell.text("Nothing: the explorer killed every mutant that is not equivalent.").tone(Tone.GOOD)));
        } else {
            Table.Builder s = new Table.Builder().col("Mutant").col("Where").col("Line").col("Change").col("Status");
            for (MutantResult m : open) {
                s.row(List.of(Cell.code(m.id()), Cell.code(where(m)), Cell.code(m.source()), Cell.text(m.description()),
                        Cell.text(m.status() == Status.TIMED_OUT ? "timed out" : m.reached() ? "survived"
                                : "survived, never reached").tone(Tone.BAD)));
            }
            out.table(s.build());
        }
        List<MutantResult> equivalent = v.mutants().stream().filter(m -> m.status() == Status.EQUIVALENT).toList();
        if (!equivalent.isEmpty()) {
            out.heading(4, "Equivalent mutants", v.variant() + "-equivalent");
            Table.Builder e = new Table.Builder().col("Mutant").col("Where").col("Line").col("Why it is equivalent");
            for (MutantResult m : equivalent) {
                e.row(List.of(Cell.code(m.id()), Cell.code(where(m)), Cell.code(m.source()), Cell.text(m.reason())));
            }
            out.table(e.build());
        }
        out.heading(4, "Every mutant", v.variant() + "-mutants");
        Table.Builder all = new Table.Builder().col("Mutant").col("Status").col("Oracle").col("Scenario").num("s")
                .col("Where").col("Key");
        for (MutantResult m : v.mutants()) {
            all.row(List.of(Cell.code(m.id()), status(m), Cell.text(m.oracle() == null ? "" : m.oracle()),
                    m.scenario() == null ? Cell.text("") : Cell.code(m.scenario()),
                    Cell.text(m.status() == Status.EQUIVALENT ? "" : Fmt.seconds(m.seconds())), Cell.code(where(m)),
                    m.findingFile() == null ? Cell.code(m.key()) : Cell.code(m.key()).link(m.findingFile())));
        }
        out.table(all.note("The key names a mutant by what it changes; a killed mutant's key links to its killing "
                + "schedule.").build());
    }

    private static Cell status(MutantResult m) {
        Tone tone = switch (m.status()) {
            case KILLED -> Tone.GOOD;
            case SURVIVED, TIMED_OUT -> Tone.BAD;
            case EQUIVALENT -> Tone.NONE;
        };
        return Cell.text(m.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).tone(tone);
    }

    private static String where(MutantResult m) {
        return (m.file() == null ? m.className() : m.file()) + ":" + m.line();
    }

    private static Cell num(int n) {
        return Cell.text(Integer.toString(n));
    }

    private static Cell rate(Counts c, boolean enough) {
        return c.killRate() == null ? Cell.text("–").tone(Tone.NONE)
                : Cell.text(String.format("%.1f%%", 100 * c.killRate())).tone(enough ? Tone.GOOD : Tone.BAD);
    }
}
