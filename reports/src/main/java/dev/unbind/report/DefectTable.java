package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogued defects of a family: whether each was found, and per engine how long and how many
 * runs it took to find it first, with a link to the replayable finding file.
 */
final class DefectTable {
    private DefectTable() {
    }

    static Table of(Assessment.FamilyView family, ProblemIndex problems, Witnesses witnesses) {
        List<String> engines = Engines.detecting(family.engines());
        Table.Builder t = new Table.Builder().col("Defect").col("Variant").col("Property").col("Title").col("Found");
        engines.forEach(e -> t.col(e + ": first detection"));
        t.col("Reference");
        for (Assessment.VariantView v : family.variants()) {
            for (Assessment.DefectView d : v.defects()) {
                Defect x = d.defect();
                List<Cell> row = new ArrayList<>();
                row.add(Cell.code(x.id()).anchor(Witnesses.anchor(family, x)));
                row.add(Cell.ref(x.variant()));
                row.add(Cell.text(x.property().name()));
                row.add(Cell.text(x.title()));
                row.add(found(problems.status(d), "#" + Witnesses.anchor(family, x)));
                for (String e : engines) {
                    row.add(detection(d, e, v));
                }
                row.add(Cell.text(x.reference()));
                t.row(row);
            }
        }
        return t.note("First detection: seconds from the start of the engine's work on the variant · "
                + "runs until then (explorer: schedules).").build();
    }

    /** Time to first detection per defect and engine. */
    static BarChart chart(Assessment.FamilyView family) {
        List<String> engines = Engines.detecting(family.engines());
        List<BarChart.Bar> bars = new ArrayList<>();
        for (Assessment.VariantView v : family.variants()) {
            for (Assessment.DefectView d : v.defects()) {
                for (String e : engines) {
                    if (!ran(v, e)) {
                        continue;
                    }
                    Assessment.Detection first = d.first(e);
                    bars.add(first == null
                            ? new BarChart.Bar(d.defect().id(), engines.indexOf(e), Double.NaN, miss(d, e, v))
                            : new BarChart.Bar(d.defect().id(), engines.indexOf(e), first.seconds(),
                            Fmt.seconds(first.seconds()) + " s · " + first.runs() + " " + Engines.unit(e)));
                }
            }
        }
        return new BarChart("Time to first detection per catalogued defect (seconds, log scale)",
                BarChart.Axis.LOG_SECONDS, engines, bars);
    }

    /** Why an engine has no detection: it ran the defect's scenario, only other scenarios, or nothing. */
    private static String miss(Assessment.DefectView d, String engine, Assessment.VariantView v) {
        boolean scenario = v.runs().stream()
                .anyMatch(r -> r.engine().equals(engine) && r.scenario().equals(d.defect().scenario()));
        return scenario ? "not found" : ran(v, engine) ? "not found (scenario not run)" : "not run";
    }

    private static boolean ran(Assessment.VariantView v, String engine) {
        return v.runs().stream().anyMatch(r -> r.engine().equals(engine));
    }

    private static Cell found(ProblemIndex.DefectStatus s, String witness) {
        return switch (s) {
            case FOUND -> Cell.text("yes").tone(Tone.GOOD).link(witness);
            case REGRESSION -> Cell.text("no: detection regression").tone(Tone.BAD);
            case UNPROVEN -> Cell.text("not detected (sampled only)").tone(Tone.WARN);
            case NOT_FOUND -> Cell.text("no").tone(Tone.WARN);
        };
    }

    private static Cell detection(Assessment.DefectView d, String engine, Assessment.VariantView v) {
        Assessment.Detection first = d.first(engine);
        if (first == null) {
            return Cell.text(miss(d, engine, v)).tone(Tone.NONE);
        }
        Cell c = Cell.text(Fmt.seconds(first.seconds()) + " s · " + first.runs() + " " + Engines.unit(engine));
        return first.file() == null || first.file().isEmpty() ? c : c.link(first.file());
    }
}
