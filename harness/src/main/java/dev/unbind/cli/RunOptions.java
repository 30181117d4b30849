package dev.unbind.cli;

import picocli.CommandLine.Option;

/** Options every command that writes or reads a results directory shares: how much to print, how strict to judge. */
final class RunOptions {
    @Option(names = {"-v", "--verbose"}, description = "Print every finding and every engine's progress, and the details after the summary.")
    boolean verbose;

    @Option(names = "--strict", description = "Fail (exit 1) when any catalogued defect of the variants that ran went unseen; same as --min-coverage 100%%.")
    boolean strict;

    @Option(names = "--min-coverage", paramLabel = "<percent>",
            description = "Fail (exit 1) when fewer than this share of the catalogued defects of the variants that ran were seen (e.g. 90%% or 0.9).")
    String minCoverage;

    /** The share asked for, 0 to 1; null when neither option was given. */
    Double coverage() {
        if (strict) {
            return 1.0;
        }
        if (minCoverage == null) {
            return null;
        }
        String v = minCoverage.strip();
        try {
            double d = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100 : Double.parseDouble(v);
            if (d > 1 && !v.endsWith("%")) {
                d = d / 100; // "90" means 90%
            }
            if (d < 0 || d > 1) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadInput("--min-coverage '" + minCoverage + "' is not a share between 0% and 100% (e.g. 90% or 0.9)");
        }
    }

    double coverageOrZero() {
        Double c = coverage();
        return c == null ? 0 : c;
    }
}
