package dev.unbind.report;

import dev.unbind.finding.Kind;
import dev.unbind.result.Assessment;
import dev.unbind.result.FindingRecord;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every bug of a family in one table a reader can narrow by kind and variant: each catalogued
 * defect (found or not) and each finding the catalogue does not have, with its first detection,
 * linked to its witness page (the interleaving, the KASAN-style report and the file
 * {@code ./unbind repro} replays).
 */
final class FindingsTable {
    private FindingsTable() {
    }

    static FilterableTable of(Assessment.FamilyView family, ProblemIndex problems, Witnesses witnesses) {
        Table.Builder t = new Table.Builder().col("Defect").col("What").col("Variant").col("Kind").col("Status")
                .col("First detection");
        List<List<String>> values = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        List<String> variants = new ArrayList<>();
        for (Assessment.VariantView v : family.variants()) {
            String variant = v.info().id();
            for (Assessment.DefectView d : v.defects()) {
                Defect x = d.defect();
                Witness w = witnesses.catalogued().stream().filter(c -> c.defect().id().equals(x.id())).findFirst().orElse(null);
                t.row(List.of(Cell.code(shortName(x)).anchor(Witnesses.anchor(family, x)),
                        Cell.text(x.title()), Cell.code(variant), Cell.text(x.property().name()),
                        status(problems.status(d)), detection(w)));
                values.add(List.of(x.property().name(), variant));
                kinds.add(x.property().name());
            }
            for (Witness w : witnesses.uncatalogued()) {
                FindingRecord r = w.record();
                if (!r.variant().equals(variant)) {
                    continue;
                }
                String kind = r.finding().kind().name();
                t.row(List.of(Cell.text("not in the catalogue").tone(v.info().fixed() ? Tone.BAD : Tone.WARN).anchor(w.anchor()),
                        Cell.text(r.finding().summary()), Cell.code(variant), Cell.text(kind),
                        Cell.text("found").tone(v.info().fixed() ? Tone.BAD : Tone.WARN), detection(w)));
                values.add(List.of(kind, variant));
                kinds.add(kind);
            }
            if (values.stream().anyMatch(x -> x.get(1).equals(variant))) {
                variants.add(variant);
            }
        }
        List<String> kindOrder = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (kinds.contains(k.name())) {
                kindOrder.add(k.name());
            }
        }
        Table table = t.note("One row per bug (a defect's id is its variant's, then its name; a finding folds the "
                + "further accesses of the same bug into it). First "
                + "detection: the engine whose witness is shown, seconds from the start of its work on the variant and "
                + "runs until then (explorer: schedules), linked to its witness page (the interleaving, the KASAN-style report, the "
                + "file ./unbind repro replays); +n: engines that found it too.").build();
        return new FilterableTable(family.info().id() + "-findings-table", table,
                List.of(new FilterableTable.Filter("Kind", kindOrder), new FilterableTable.Filter("Variant", variants)),
                values);
    }

    private static Cell status(ProblemIndex.DefectStatus s) {
        return switch (s) {
            case FOUND -> Cell.text("found").tone(Tone.GOOD);
            case REGRESSION -> Cell.text("not found: detection regression").tone(Tone.BAD);
            case UNPROVEN -> Cell.text("not detected (sampled only)").tone(Tone.WARN);
            case NOT_FOUND -> Cell.text("not found").tone(Tone.WARN);
        };
    }

    /** The first detection, linked to the witness page. */
    private static Cell detection(Witness w) {
        if (w == null) {
            return Cell.text(Fmt.NONE).tone(Tone.NONE);
        }
        FindingRecord r = w.record();
        String text = r.engine() + " " + Fmt.seconds(r.secondsToDetect()) + " s · " + r.runsToDetect() + " "
                + Engines.unit(r.engine()) + (w.alsoFoundBy().isEmpty() ? "" : " +" + w.alsoFoundBy().size());
        return Cell.text(text).link(Links.page(WitnessPage.path(w), null));
    }

    /** The defect's id without its variant's ({@code ioctl-in-flight} of {@code cdev.plain.ioctl-in-flight}). */
    private static String shortName(Defect d) {
        return d.id().startsWith(d.variant() + ".") ? d.id().substring(d.variant().length() + 1) : d.id();
    }
}
