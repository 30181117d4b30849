package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.RunRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What each engine did: a variants × engines overview (work and wall time), then every run record
 * with its scenario, fault plan, status and note.
 */
final class EngineTables {
    private EngineTables() {
    }

    /** Variants × engines: runs and seconds summed over the engine's run records. */
    static Table overview(Assessment.FamilyView family) {
        List<String> engines = Engines.sorted(family.engines());
        Table.Builder t = new Table.Builder().col("Variant");
        engines.forEach(t::num);
        for (Assessment.VariantView v : family.variants()) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.ref(v.info().id()));
            for (String e : engines) {
                List<RunRecord> rs = v.runs().stream().filter(r -> r.engine().equals(e)).toList();
                if (rs.isEmpty()) {
                    row.add(Cell.text(Fmt.NONE).tone(Tone.NONE));
                    continue;
                }
                long runs = rs.stream().mapToLong(RunRecord::runs).sum();
                double seconds = rs.stream().mapToDouble(RunRecord::seconds).sum();
                String worst = worst(rs);
                String text = runs + " " + Engines.unit(e) + " in " + Fmt.seconds(seconds) + " s"
                        + (worst.equals("ok") ? "" : " (" + worst + ")");
                row.add(Cell.text(text).tone(tone(worst)));
            }
            t.row(row);
        }
        return t.build();
    }

    /** Every run record, by engine, variant, scenario and fault plan. */
    static Table runs(Assessment.FamilyView family) {
        List<String> variants = family.variants().stream().map(v -> v.info().id()).toList();
        List<RunRecord> all = family.variants().stream().flatMap(v -> v.runs().stream())
                .sorted(Comparator.comparing(RunRecord::engine, Engines.ORDERING)
                        .thenComparingInt(r -> variants.indexOf(r.variant()))
                        .thenComparing(RunRecord::scenario)
                        .thenComparing(RunRecord::faults))
                .toList();
        Table.Builder t = new Table.Builder().col("Engine").col("Variant").col("Scenario").col("Faults")
                .num("Runs").num("Seconds").col("Status").col("Note");
        for (RunRecord r : all) {
            t.row(List.of(Cell.text(r.engine()), Cell.ref(r.variant()), Cell.code(r.scenario()),
                    r.faults().isEmpty() ? Cell.text("none").tone(Tone.NONE) : Cell.code(r.faults()),
                    Cell.text(r.runs() + " " + Engines.unit(r.engine())), Cell.text(Fmt.seconds(r.seconds())),
                    Cell.text(r.status()).tone(tone(r.status())), Cell.text(r.note())));
        }
        return t.build();
    }

    private static String worst(List<RunRecord> rs) {
        for (String s : List.of("error", "incomplete", "skipped")) {
            if (rs.stream().anyMatch(r -> r.status().equals(s))) {
                return s;
            }
        }
        return rs.stream().map(RunRecord::status).filter(s -> !s.equals("ok")).findFirst().orElse("ok");
    }

    private static Tone tone(String status) {
        return switch (status) {
            case "ok" -> Tone.PLAIN;
            case "error" -> Tone.BAD;
            case "incomplete" -> Tone.WARN;
            default -> Tone.NONE;
        };
    }
}
