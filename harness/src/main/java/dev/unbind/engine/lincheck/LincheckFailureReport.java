package dev.unbind.engine.lincheck;

import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.finding.Site;
import dev.unbind.result.Catalogue;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lincheck failure message read back as findings. Lincheck prints a header between
 * {@code =} signs, the results, and the interleaving; what the header says decides the findings:
 * <ul>
 *   <li>{@code Validation function ... has failed}: the facade's {@code @Validate} named the
 *       kernel's findings, one {@link FindingMessage} line each, with their catalogued defect.</li>
 *   <li>{@code The execution has hung}: every thread spins in a wait nobody will satisfy. The
 *       waits are named in the trace ({@code spinUntil("synchronize_srcu(...)...")}); the finding
 *       is a {@link Kind#HANG} with one blocked site per wait, attributed through the catalogue.</li>
 *   <li>{@code Invalid execution results}: no order of the calls explains what user space saw:
 *       an {@link Kind#ERRNO} finding, attributed through the catalogue.</li>
 *   <li>{@code The execution has hung, see the thread dump}: the invocation ran out of wall
 *       time (Lincheck's timeout), which says nothing about the protocol: {@link #timedOut()}.</li>
 * </ul>
 * Every finding's {@code detail} is the message up to the interleaving that leads to the error
 * ({@link #withoutDetailedTrace}): Lincheck's detailed trace that follows it pads every row of one
 * table to its widest cell and runs to megabytes, so the engine keeps it once per check in a file
 * beside the findings instead of in every journal line.
 */
public final class LincheckFailureReport {
    private static final Pattern HEADER = Pattern.compile("^= (.+?) =\\s*$", Pattern.MULTILINE);
    /** How the inline scheduler's spin loop appears in Lincheck's trace: its first argument names the wait. */
    private static final Pattern WAIT = Pattern.compile("spinUntil\\(\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String DETAILED_TRACE = "\nDetailed trace:";

    private final String headline;
    private final boolean timedOut;
    private final List<Finding> findings;
    private final List<Defect> defects;
    private final List<List<String>> candidates;

    private LincheckFailureReport(String headline, boolean timedOut, List<Finding> findings, List<Defect> defects,
                                  List<List<String>> candidates) {
        this.headline = headline;
        this.timedOut = timedOut;
        this.findings = List.copyOf(findings);
        this.defects = defects;
        this.candidates = candidates;
    }

    /** Reads {@code message}, the failure of check {@code scenario} on {@code variant}. */
    public static LincheckFailureReport read(String message, String variant, String scenario, Catalogue catalogue) {
        String text = message == null ? "" : message;
        String detail = withoutDetailedTrace(text);
        Matcher h = HEADER.matcher(text);
        String headline = h.find() ? h.group(1).strip() : LincheckEngine.firstLine(text);
        List<Finding> findings = new ArrayList<>();
        List<Defect> defects = new ArrayList<>();
        List<List<String>> candidates = new ArrayList<>();
        if (headline.contains("see the thread dump")) {
            return new LincheckFailureReport(headline, true, findings, defects, candidates);
        }
        if (headline.startsWith("Validation function")) {
            Matcher m = Pattern.compile("unbind finding \\[[^\\]]+\\] [A-Z_]+: [^\\r\\n]*").matcher(text);
            Set<String> seen = new LinkedHashSet<>();
            while (m.find()) {
                if (!seen.add(m.group())) {
                    continue;
                }
                FindingMessage.first(m.group()).ifPresent(n -> {
                    findings.add(new Finding(n.kind(), n.summary(), "", List.of(), List.of(), List.of(), detail));
                    defects.add(of(catalogue, variant, scenario, n.defects()));
                    candidates.add(n.defects());
                });
            }
        } else if (headline.startsWith("The execution has hung")) {
            List<Role> blocked = new ArrayList<>();
            for (String wait : waits(text)) {
                blocked.add(Role.of("blocked", new Site("lincheck thread", "(spinning)", wait)));
            }
            Finding f = new Finding(Kind.HANG, "the execution has hung: " + (blocked.isEmpty() ? "no thread can progress"
                    : String.join(" / ", waits(text))), "run", blocked, List.of(), List.of(), detail);
            findings.add(f);
            add(defects, candidates, catalogue.attribute(variant, scenario, f));
        } else if (headline.startsWith("Invalid execution results")) {
            Finding f = new Finding(Kind.ERRNO, "results no order of the calls explains (outside the contract)",
                    "results", List.of(), List.of(), List.of(), detail);
            findings.add(f);
            add(defects, candidates, catalogue.attribute(variant, scenario, f));
        }
        return new LincheckFailureReport(headline, false, findings, defects, candidates);
    }

    /** The message without Lincheck's detailed trace: the results and the interleaving that leads to the error. */
    public static String withoutDetailedTrace(String message) {
        int cut = message.indexOf(DETAILED_TRACE);
        return cut < 0 ? message : message.substring(0, cut + 1);
    }

    /** The distinct waits named in the trace, in order of appearance. */
    static List<String> waits(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WAIT.matcher(text);
        while (m.find()) {
            out.add(m.group(1).replace("\\\"", "\""));
        }
        return List.copyOf(out);
    }

    private static void add(List<Defect> defects, List<List<String>> candidates, Defect d) {
        defects.add(d);
        candidates.add(d == null ? List.of() : List.of(d.id()));
    }

    /**
     * The defect a finding of check {@code scenario} shows, of those its message names: the one
     * that scenario exposes, else the first (a random exploration has no scenario of its own).
     */
    private static Defect of(Catalogue catalogue, String variant, String scenario, List<String> ids) {
        List<Defect> named = catalogue.defectsOf(variant).stream().filter(d -> ids.contains(d.id())).toList();
        return named.stream().filter(d -> d.scenario().equals(scenario)).findFirst()
                .orElse(named.isEmpty() ? null : named.get(0)); // named, but not of this variant: uncatalogued
    }

    /** Lincheck's header, e.g. {@code Validation function validate has failed}. */
    public String headline() {
        return headline;
    }

    /** The invocation exceeded Lincheck's wall-time limit: an error of the run, not a finding. */
    public boolean timedOut() {
        return timedOut;
    }

    /** The findings, first the one that failed the run. */
    public List<Finding> findings() {
        return findings;
    }

    /** Every catalogued defect one of {@link #findings()} matches, as its message names them. */
    public List<String> candidatesOf(Finding f) {
        int i = findings.indexOf(f);
        return i < 0 ? List.of() : candidates.get(i);
    }

    /** The catalogued defect of one of {@link #findings()}, or null. */
    public Defect defectOf(Finding f) {
        int i = findings.indexOf(f);
        return i < 0 ? null : defects.get(i);
    }
}
