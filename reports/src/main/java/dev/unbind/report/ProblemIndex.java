package dev.unbind.report;

import dev.unbind.finding.Kind;
import dev.unbind.result.Assessment;

import java.util.List;

/**
 * Reads the assessment's problem and warning lines back to what they are about. The assessment
 * keeps them as sentences; their openings are fixed by {@link Assessment}: {@code "<variant>: <KIND>
 * found by ..."} for a violation in a fixed variant, {@code "<variant>: catalogued defect <id> (...)
 * ... (detection regression)"} for a regression and {@code "<variant>: catalogued defect <id> was not
 * detected ..."} for a warning.
 */
final class ProblemIndex {
    private final List<String> problems;
    private final List<String> warnings;

    ProblemIndex(Assessment a) {
        problems = a.problems();
        warnings = a.warnings();
    }

    /** How a catalogued defect stands. */
    enum DefectStatus {
        FOUND, REGRESSION, UNPROVEN, NOT_FOUND
    }

    /** The problem saying the explorer no longer finds {@code defect}, or null. */
    String regression(String variant, String defect) {
        String head = variant + ": catalogued defect " + defect + " (";
        return problems.stream().filter(p -> p.startsWith(head) && p.endsWith("(detection regression)"))
                .findFirst().orElse(null);
    }

    /** The warning saying {@code defect} was not detected, or null. */
    String warning(String variant, String defect) {
        String head = variant + ": catalogued defect " + defect + " was not detected";
        return warnings.stream().filter(w -> w.startsWith(head)).findFirst().orElse(null);
    }

    /** The problems about violations of {@code property} in (fixed) {@code variant}. */
    List<String> violations(String variant, Kind property) {
        String head = variant + ": " + property.name() + " found by ";
        return problems.stream().filter(p -> p.startsWith(head)).toList();
    }

    DefectStatus status(Assessment.DefectView d) {
        if (d.found()) {
            return DefectStatus.FOUND;
        }
        if (regression(d.defect().variant(), d.defect().id()) != null) {
            return DefectStatus.REGRESSION;
        }
        return warning(d.defect().variant(), d.defect().id()) != null ? DefectStatus.UNPROVEN : DefectStatus.NOT_FOUND;
    }
}
