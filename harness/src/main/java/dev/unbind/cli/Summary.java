package dev.unbind.cli;

import dev.unbind.engine.cost.ReadSideEngine;
import dev.unbind.result.Assessment;
import dev.unbind.result.Journal;
import dev.unbind.result.Reports;
import dev.unbind.result.Results;
import dev.unbind.result.RunRecord;
import dev.unbind.shard.MergeRecord;

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
        Assessment a;
        try {
            a = MergeRecord.amend(Assessment.of(r), dir); // a merged night: a lost shard is a problem too
        } catch (IOException e) {
            throw new BadInput("cannot read " + MergeRecord.FILE + " in " + dir + ": " + e.getMessage());
        }
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

    /** Per catalogued defect: the first detection by each engine; per variant: the open windows. */
    private static void printDetections(Assessment a, PrintStream out) {
        for (Assessment.FamilyView f : a.families()) {
            out.println();
            List<String> detecting = f.engines().stream().filter(Assessment::looksForDefects).toList();
            if (!detecting.isEmpty()) {
                out.println(f.info().id() + ": time to first detection (s / runs until it)");
            }
            for (Assessment.VariantView v : f.variants()) {
                for (Assessment.DefectView d : detecting.isEmpty() ? List.<Assessment.DefectView>of() : v.defects()) {
                    StringBuilder b = new StringBuilder();
                    for (String engine : detecting) {
                        Assessment.Detection x = d.first(engine);
                        b.append(String.format("  %s %s", engine, x == null ? "-" : String.format("%.3f/%d", x.seconds(), x.runs())));
                    }
                    out.printf("  %-58s%s%n", d.defect().id(), b);
                }
            }
            printReadSide(f, out);
            for (Assessment.VariantView v : f.variants()) {
                v.runs().stream().filter(r -> !r.windows().isEmpty()).findAny().ifPresent(any -> {
                    out.println("  windows of " + v.info().id() + " (hits, open = other side in flight, violations):");
                    java.util.Map<String, long[]> sum = new java.util.TreeMap<>();
                    for (var r : v.runs()) {
                        for (var w : r.windows()) {
                            long[] c = sum.computeIfAbsent(w.point(), p -> new long[3]);
                            c[0] += w.hits();
                            c[1] += w.racing();
                            c[2] += w.violations();
                        }
                    }
                    sum.forEach((p, c) -> {
                        if (c[1] > 0) {
                            out.printf("    %-48s %8d hits %7d open (%4.1f%%) %6d violations%n", p, c[0], c[1],
                                    100.0 * c[1] / Math.max(1, c[0]), c[2]);
                        }
                    });
                });
            }
        }
    }

    /** The cost engine's figures: ns per read-side call, or why a variant has none. */
    private static void printReadSide(Assessment.FamilyView f, PrintStream out) {
        List<RunRecord> costs = f.variants().stream().flatMap(v -> v.runs().stream())
                .filter(r -> r.engine().equals(ReadSideEngine.ENGINE)).toList();
        if (costs.isEmpty()) {
            return;
        }
        out.println(f.info().id() + ": read side, ns per call (device alive, uncontended)");
        for (RunRecord r : costs) {
            out.printf("  %-36s %s%n", r.variant(), r.readSide() == null ? r.note()
                    : String.format("%8.1f ns  %s", r.readSide().medianNs(), r.readSide().call()));
        }
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
        printDetections(a, out);
        for (String w : a.warnings()) {
            out.println("warning: " + w);
        }
        for (String p : a.problems()) {
            out.println("PROBLEM: " + p);
        }
        out.println(a.ok() ? "verdict: OK — every variant met its expectations" : "verdict: FAIL — " + a.problems().size() + " problem(s)");
    }
}
