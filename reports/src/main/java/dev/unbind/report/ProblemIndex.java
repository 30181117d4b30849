package dev.unbind.report;

import dev.unbind.finding.Kind;
import dev.unbind.result.Assessment;

import java.util.List;

/**
 * What the assessment's problems and warnings are about: the status of each catalogued defect
 * (typed in {@link Assessment.DefectView}), and the violation lines of fixed variants, whose
 * opening {@code "<variant>: <KIND> found by ..."} is fixed by {@link Assessment}.
 */
final class ProblemIndex {
    private final List<String> problems;
    private final java.util.Map<String, Assessment.DefectView> defects = new java.util.HashMap<>();

    ProblemIndex(Assessment a) {
        problems = a.problems();
        for (Assessment.FamilyView f : a.families()) {
            for (Assessment.VariantView v : f.variants()) {
                for (Assessment.DefectView d : v.defects()) {
                    defects.put(v.info().id() + "/" + d.defect().id(), d);
                }
            }
        }
    }

    /** How a catalogued defect stands. */
    enum DefectStatus {
        FOUND, REGRESSION, UNPROVEN, NOT_FOUND
    }

    /** The problem saying the explorer no longer finds {@code defect}, or null. */
    String regression(String variant, String defect) {
        return note(variant, defect, Assessment.REGRESSION);
    }

    /** The warning saying {@code defect} was not detected, or null. */
    String warning(String variant, String defect) {
        return note(variant, defect, Assessment.UNPROVEN);
    }

    private String note(String variant, String defect, String status) {
        Assessment.DefectView d = defects.get(variant + "/" + defect);
        return d != null && d.status().equals(status) ? d.note() : null;
    }

    /** The problems about violations of {@code property} in (fixed) {@code variant}. */
    List<String> violations(String variant, Kind property) {
        String head = variant + ": " + property.name() + " found by ";
        return problems.stream().filter(p -> p.startsWith(head)).toList();
    }

    DefectStatus status(Assessment.DefectView d) {
        return switch (d.status()) {
            case Assessment.FOUND -> DefectStatus.FOUND;
            case Assessment.REGRESSION -> DefectStatus.REGRESSION;
            case Assessment.UNPROVEN -> DefectStatus.UNPROVEN;
            default -> DefectStatus.NOT_FOUND;
        };
    }
}
