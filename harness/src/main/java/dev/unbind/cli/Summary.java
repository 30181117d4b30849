package dev.unbind.cli;

import dev.unbind.result.Assessment;
import dev.unbind.result.Journal;
import dev.unbind.result.Reports;
import dev.unbind.result.Results;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Reads a results directory back, renders the reports, prints the verdicts, gives the exit code. */
final class Summary {
    private Summary() {
    }

    /** 0 when every variant met its expectations, 1 otherwise. */
    static int conclude(Path dir, PrintStream out) {
        Results r;
        try {
            r = Journal.read(dir);
        } catch (IOException e) {
            throw new BadInput(e.getMessage());
        }
        Assessment a = Assessment.of(r);
        try {
            List<Path> files = Reports.writeAll(a, r, dir);
            if (!files.isEmpty()) {
                out.println("reports: " + files.stream().map(p -> p.getFileName().toString()).toList() + " in " + dir);
            }
        } catch (IOException e) {
            out.println("could not write the reports: " + e.getMessage());
        }
        print(a, out);
        return a.ok() ? 0 : 1;
    }

    static void print(Assessment a, PrintStream out) {
        out.println();
        for (Assessment.FamilyView f : a.families()) {
            out.println(f.info().id() + " — " + f.info().title() + "   (engines: " + String.join(", ", f.engines()) + ")");
            for (Assessment.VariantView v : f.variants()) {
                long found = v.defects().stream().filter(Assessment.DefectView::found).count();
                String broken = v.properties().stream().filter(c -> c.verdict().equals(Assessment.BROKEN))
                        .map(c -> c.property().name()).toList().toString();
                out.printf("  %-28s %-22s %-6s defects %d/%d  broken %s%s%n", v.info().id(),
                        v.info().fixed() ? "keeps every property" : "shows its defects",
                        v.metExpectation() ? "OK" : "FAIL", found, v.defects().size(), broken,
                        v.uncatalogued().isEmpty() ? "" : "  (" + v.uncatalogued().size() + " not in the catalogue)");
            }
        }
        for (String w : a.warnings()) {
            out.println("warning: " + w);
        }
        for (String p : a.problems()) {
            out.println("PROBLEM: " + p);
        }
        out.println(a.ok() ? "verdict: OK — every variant met its expectations" : "verdict: FAIL — " + a.problems().size() + " problem(s)");
    }
}
