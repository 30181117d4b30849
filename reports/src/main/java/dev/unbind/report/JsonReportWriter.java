package dev.unbind.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unbind.history.SinceLastNight;
import dev.unbind.result.Assessment;
import dev.unbind.result.CiVerdict;
import dev.unbind.result.Journal;
import dev.unbind.result.ReportWriter;
import dev.unbind.result.Results;
import dev.unbind.shard.MergeRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code report.json}: for machines. {@code summary} answers the nightly questions without walking
 * the model: the CI verdict ({@code verdict}: PASS, FAIL or INCOMPLETE, with {@code complete} and
 * why not), what ran ({@code coverage}), problems, warnings; per family its recommendation; per
 * variant its expectation, its CI verdict ({@code ci}, {@code met}) and apart from it its fix
 * verdict ({@code fix}), the verdict per property, per catalogued defect whether it was found and
 * each engine's first detection, and its {@code cost} (read side and remove latency over the pre-fix code);
 * {@code assessment} is the full {@link Assessment}, findings and run records included.
 */
public final class JsonReportWriter implements ReportWriter {
    /** Bumped when a field of {@code summary} changes meaning or goes away. */
    static final String FORMAT = "unbind-report/2";

    @Override
    public String fileName() {
        return "report.json";
    }

    @Override
    public void write(Assessment assessment, Results results, Path dir) throws IOException {
        ObjectMapper json = Journal.json();
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.set("summary", summary(assessment, json));
        root.set("assessment", json.valueToTree(assessment));
        root.set("sinceLastNight", json.valueToTree(SinceLastNight.readIn(dir)));
        root.set("shards", json.valueToTree(MergeRecord.readIn(dir)));
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(fileName()), json.writer(pretty).writeValueAsString(root) + "\n",
                StandardCharsets.UTF_8);
    }

    static ObjectNode summary(Assessment a, ObjectMapper json) {
        ProblemIndex problems = new ProblemIndex(a);
        ObjectNode s = json.createObjectNode();
        s.put("verdict", a.ci().runWord());
        s.put("ok", a.ci() == CiVerdict.MET);
        s.put("exitCode", a.exitCode());
        s.put("complete", a.completion().complete());
        s.put("incompleteBecause", a.completion().why());
        ObjectNode cov = s.putObject("coverage");
        cov.put("words", a.coverage().words());
        cov.put("defectsSeen", a.coverage().defectsSeen());
        cov.put("defectsOfRun", a.coverage().defectsOfRun());
        cov.set("unseen", json.valueToTree(a.coverage().unseen()));
        cov.set("engines", json.valueToTree(a.coverage().engines()));
        s.set("problems", json.valueToTree(a.problems()));
        s.set("warnings", json.valueToTree(a.warnings()));
        ArrayNode families = s.putArray("families");
        for (Assessment.FamilyView f : a.families()) {
            ObjectNode fn = families.addObject();
            fn.put("id", f.info().id());
            fn.put("title", f.info().title());
            fn.put("ok", f.variants().stream().noneMatch(v -> v.ci() == CiVerdict.NOT_MET));
            fn.put("recommendation", f.recommendation().words());
            fn.set("engines", json.valueToTree(Engines.sorted(f.engines())));
            ArrayNode variants = fn.putArray("variants");
            for (Assessment.VariantView v : f.variants()) {
                ObjectNode vn = variant(v, problems, json);
                vn.set("cost", cost(f, v, json));
                variants.add(vn);
            }
        }
        return s;
    }

    /**
     * What the variant costs: its read side over the pre-fix code's ({@code factor}: value, interval,
     * and why it is within noise when it is) and its remove latency per situation (p50, p99 with its
     * interval, samples, the p99 over the pre-fix code's).
     */
    private static ObjectNode cost(Assessment.FamilyView f, Assessment.VariantView v, ObjectMapper json) {
        ObjectNode c = json.createObjectNode();
        v.readSide().ifPresent(r -> {
            ObjectNode rs = c.putObject("readSide");
            rs.put("call", r.call());
            rs.put("medianNs", r.medianNs());
            f.readSideOverFirst(v).ifPresent(x -> rs.set("overPreFix", json.valueToTree(x)));
        });
        ObjectNode remove = c.putObject("remove");
        for (String situation : f.teardown().situations()) {
            f.teardown().get(v.info().id(), situation, "remove").ifPresent(m -> {
                ObjectNode sn = remove.putObject(situation);
                sn.put("samples", m.count());
                sn.put("p50us", m.p50us());
                sn.put("p99us", m.p99us());
                sn.put("p99LowUs", m.p99LowUs());
                sn.put("p99HighUs", m.p99HighUs());
                f.teardown().p99OverFirst(v.info().id(), situation, "remove")
                        .ifPresent(x -> sn.set("p99OverPreFix", json.valueToTree(x)));
            });
        }
        return c;
    }

    private static ObjectNode variant(Assessment.VariantView v, ProblemIndex problems, ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("id", v.info().id());
        n.put("expectation", v.info().expect());
        n.put("met", v.metExpectation());
        n.put("ci", v.ci().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        ObjectNode fix = n.putObject("fix");
        fix.put("state", v.fix().state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        fix.put("words", v.fix().words());
        fix.set("broken", json.valueToTree(v.fix().broken()));
        fix.put("suspectModel", v.fix().suspect());
        n.set("lines", json.valueToTree(v.info().lines()));
        ObjectNode props = n.putObject("properties");
        for (Assessment.PropertyCell c : v.properties()) {
            props.put(c.property().name(), c.verdict());
        }
        ArrayNode defects = n.putArray("defects");
        for (Assessment.DefectView d : v.defects()) {
            ObjectNode dn = defects.addObject();
            dn.put("id", d.defect().id());
            dn.put("property", d.defect().property().name());
            dn.put("found", d.found());
            dn.put("status", problems.status(d).name().toLowerCase(Locale.ROOT).replace('_', '-'));
            ObjectNode first = dn.putObject("firstDetection");
            for (String e : Engines.sorted(d.detections().stream().map(Assessment.Detection::engine).toList())) {
                Assessment.Detection x = d.first(e);
                ObjectNode en = first.putObject(e);
                en.put("seconds", x.seconds());
                en.put("runs", x.runs());
                en.put("scenario", x.scenario());
                en.put("file", x.file());
            }
        }
        n.put("uncatalogued", v.uncatalogued().size());
        return n;
    }
}
