package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.CiVerdict;
import dev.unbind.result.FindingRecord;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CI view of an assessment as test suites: per family, "{@code <variant>: no <PROPERTY>}" for
 * each property of each fixed variant and "{@code <variant> shows <defect>}" for each catalogued
 * defect; then one case per problem that no such case already reports, and an error case when the
 * run is incomplete. A failure names the finding's replayable file and carries its witness; a case
 * of a variant no engine ran, or of an incomplete run, is skipped, never passed.
 */
record JunitSuites(List<Suite> suites) {

    /** How a case ended. */
    enum Outcome {
        PASSED, FAILED, SKIPPED
    }

    /** One test case; {@code message}, {@code type} and {@code body} describe a failure or a skip. */
    record Case(String classname, String name, double time, Outcome outcome, String message, String type,
                String body) {
        static Case passed(String classname, String name, double time) {
            return new Case(classname, name, time, Outcome.PASSED, "", "", "");
        }
    }

    /** One test suite. */
    record Suite(String name, double time, List<Case> cases) {
        long count(Outcome o) {
            return cases.stream().filter(c -> c.outcome() == o).count();
        }
    }

    static JunitSuites of(Assessment a) {
        ProblemIndex problems = new ProblemIndex(a);
        Set<String> covered = new LinkedHashSet<>();
        List<Suite> suites = new ArrayList<>();
        for (Assessment.FamilyView f : a.families()) {
            List<Case> cases = new ArrayList<>();
            double time = 0;
            for (Assessment.VariantView v : f.variants()) {
                time += v.runs().stream().mapToDouble(r -> r.seconds()).sum();
                if (v.info().fixed()) {
                    v.properties().forEach(c -> cases.add(keeps(v, c, problems, covered)));
                }
                v.defects().forEach(d -> cases.add(shows(v, d, problems, covered)));
            }
            suites.add(new Suite("unbind." + f.info().id(), time, cases));
        }
        List<Case> rest = new ArrayList<>();
        if (!a.completion().complete()) {
            rest.add(new Case("unbind", "the run is complete", 0, Outcome.FAILED, "INCOMPLETE: " + a.completion().why(),
                    "incomplete", "INCOMPLETE: " + a.completion().why() + "\nThe other cases cover only what ran before that.\n"));
        }
        for (String p : a.problems()) {
            if (!covered.contains(p)) {
                rest.add(new Case("unbind", "problem: " + p, 0, Outcome.FAILED, p, "problem", p));
            }
        }
        if (!rest.isEmpty()) {
            suites.add(new Suite("unbind", 0, rest));
        }
        return new JunitSuites(List.copyOf(suites));
    }

    private static Case keeps(Assessment.VariantView v, Assessment.PropertyCell c, ProblemIndex problems,
                              Set<String> covered) {
        String id = v.info().id();
        String name = id + ": no " + c.property().name();
        if (Assessment.NOT_RUN.equals(c.verdict())) {
            return new Case(id, name, 0, Outcome.SKIPPED, "not run", "", "");
        }
        if (!Assessment.BROKEN.equals(c.verdict())) {
            return v.ci() == CiVerdict.INCOMPLETE ? new Case(id, name, 0, Outcome.SKIPPED, v.fix().words(), "", "")
                    : Case.passed(id, name, 0);
        }
        List<String> lines = problems.violations(id, c.property());
        covered.addAll(lines);
        StringBuilder body = new StringBuilder();
        lines.forEach(p -> body.append(p).append('\n'));
        for (FindingRecord r : c.witnesses()) {
            body.append('\n').append(describe(r)).append('\n')
                    .append(new Witness("", r, null, List.of()).kasan());
        }
        String message = c.witnesses().isEmpty() ? String.join("; ", lines) : c.witnesses().get(0).finding().summary()
                + (c.witnesses().get(0).file() == null ? "" : " (replay: ./unbind repro " + c.witnesses().get(0).file() + ")");
        return new Case(id, name, 0, Outcome.FAILED, message, c.property().word(), body.toString());
    }

    private static Case shows(Assessment.VariantView v, Assessment.DefectView d, ProblemIndex problems,
                              Set<String> covered) {
        String id = v.info().id();
        Defect x = d.defect();
        String name = id + " shows " + x.id();
        String regression = problems.regression(id, x.id());
        if (regression != null) {
            covered.add(regression);
            String body = regression + "\n\n" + x.title() + "\nbecause: " + x.because() + "\nscenario: " + x.scenario()
                    + "\nfaults: " + (x.faults().isEmpty() ? "none" : x.faults()) + "\nreference: " + x.reference() + "\n";
            return new Case(id, name, 0, Outcome.FAILED, regression, "detection-regression", body);
        }
        if (d.found()) {
            double first = d.detections().stream().mapToDouble(Assessment.Detection::seconds).min().orElse(0);
            return Case.passed(id, name, first);
        }
        if (v.ci() == CiVerdict.NOT_RUN) {
            return new Case(id, name, 0, Outcome.SKIPPED, "not run", "", "");
        }
        String warning = problems.warning(id, x.id());
        return new Case(id, name, 0, Outcome.SKIPPED, warning != null ? warning : "not detected in this run", "", "");
    }

    private static String describe(FindingRecord r) {
        return r.finding().summary() + "\nfound by " + r.engine()
                + (r.scenario().isEmpty() ? "" : " in " + r.scenario())
                + " with faults " + (r.faults().isEmpty() ? "none" : r.faults()) + ", seed " + r.seed()
                + ", after " + Fmt.seconds(r.secondsToDetect()) + " s and " + r.runsToDetect() + " "
                + Engines.unit(r.engine())
                + (r.file() == null || r.file().isEmpty() ? "" : "\nreplay: " + r.file());
    }
}
