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

/**
 * Reads a results directory back, renders the reports, prints the closing summary (what ran, a
 * table of both verdicts per variant, the recommendations, the problems) and gives the exit code.
 * Details (time to first detection, window coverage, read-side figures, every warning) only when
 * verbose.
 */
final class Summary {
    private Summary() {
    }

    static int conclude(Path dir, PrintStream out) {
        return conclude(dir, out, false, null);
    }

    /**
     * @param minCoverage the coverage to judge by, or null for what the run recorded
     * @return 0 when the run passed, 1 when it failed, 4 when it is incomplete (interrupted, or no end marker)
     */
    static int conclude(Path dir, PrintStream out, boolean verbose, Double minCoverage) {
        Results r;
        try {
            r = Journal.read(dir);
        } catch (IOException e) {
            throw new BadInput(e.getMessage());
        }
        Assessment a;
        try { // a merged night: a lost shard is a problem too
            a = MergeRecord.amend(minCoverage == null ? Assessment.of(r) : Assessment.of(r, minCoverage), dir);
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
        if (verbose) {
            printDetections(a, out);
        }
        print(a, out, verbose);
        return a.exitCode();
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
        dev.unbind.result.ReadSideCost first = null;
        for (RunRecord r : costs) {
            dev.unbind.result.ReadSideCost c = r.readSide();
            if (c == null) {
                out.printf("  %-36s %s%n", r.variant(), r.note());
                continue;
            }
            out.printf("  %-36s %8.1f ns (batches %.1f–%.1f)  %s  %s%n", r.variant(), c.medianNs(), c.minNs(), c.maxNs(), c.call(),
                    first == null ? "(the base)" : c.over(first).words());
            first = first == null ? c : first;
        }
    }

    static void print(Assessment a, PrintStream out, boolean verbose) {
        out.println();
        out.println("run: " + (a.completion().complete() ? "complete" : "INCOMPLETE — " + a.completion().why()));
        out.println("ran: " + a.coverage().words());
        int w = a.families().stream().flatMap(f -> f.variants().stream()).mapToInt(v -> v.info().id().length()).max().orElse(20);
        out.println();
        out.printf("  %-" + w + "s  %-20s  %-10s  %s%n", "variant", "expectation", "CI", "fix verdict");
        for (Assessment.FamilyView f : a.families()) {
            for (Assessment.VariantView v : f.variants()) {
                out.printf("  %-" + w + "s  %-20s  %-10s  %s%n", v.info().id(),
                        v.info().fixed() ? "keeps every property" : "shows its defects",
                        v.ci().words().replace(" (the run is incomplete)", ""), v.fix().words());
            }
        }
        out.println();
        for (Assessment.FamilyView f : a.families()) {
            out.println(f.info().id() + ": " + f.recommendation().words());
        }
        if (verbose) {
            for (String x : a.warnings()) {
                out.println("warning: " + x);
            }
        } else if (!a.warnings().isEmpty()) {
            out.println(a.warnings().size() + " warning(s): catalogued defects no engine that can prove absence saw"
                    + " (listed in report.md, or with --verbose)");
        }
        for (String p : a.problems()) {
            out.println("PROBLEM: " + p);
        }
        out.println("verdict: " + a.ci().runWord() + " — " + switch (a.ci()) {
            case MET, NOT_RUN -> "every variant that ran met its expectation";
            case NOT_MET -> a.problems().size() + " problem(s)";
            case INCOMPLETE -> "nothing failed in what ran, but " + a.completion().why();
        } + " (exit " + a.exitCode() + ")");
    }
}
