package dev.unbind.report;

import dev.unbind.result.Assessment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sentence a reviewer can act on, drawn from a family's fix verdicts: which variants keep every
 * property (with what they cost), which are not proven yet (what ran was cut short, or never
 * reached their catalogued defects), and what the others leave broken.
 */
final class Recommendation {
    private Recommendation() {
    }

    static List<Cell> of(Assessment.FamilyView f, TeardownLatencies latencies) {
        List<Assessment.VariantView> keep = new ArrayList<>();
        List<Assessment.VariantView> open = new ArrayList<>();
        List<Assessment.VariantView> notRun = new ArrayList<>();
        Map<String, Integer> brokenBy = new LinkedHashMap<>();
        int breaking = 0;
        for (Assessment.VariantView v : f.variants()) {
            List<String> kinds = VerdictCard.brokenKinds(v);
            switch (v.fix().state()) {
                case NOT_RUN -> notRun.add(v);
                case KEEPS_EVERY_PROPERTY -> keep.add(v);
                case INCOMPLETE -> open.add(v);
                default -> { }
            }
            if (!kinds.isEmpty()) {
                breaking++;
                kinds.forEach(k -> brokenBy.merge(k, 1, Integer::sum));
            }
        }
        List<Cell> s = new ArrayList<>();
        if (keep.isEmpty()) {
            s.add(Cell.text("No variant keeps every property"));
        } else {
            s.add(Cell.text("Keeps every property: "));
            for (int i = 0; i < keep.size(); i++) {
                Assessment.VariantView v = keep.get(i);
                s.add(Cell.ref(v.info().id()));
                String cost = cost(f, v, latencies);
                s.add(Cell.text((cost.isEmpty() ? "" : " (" + cost + ")") + (i + 1 < keep.size() ? ", " : "")));
            }
        }
        if (breaking > 0) {
            List<String> kinds = new ArrayList<>();
            for (dev.unbind.finding.Kind k : dev.unbind.finding.Kind.values()) {
                if (brokenBy.containsKey(k.name())) {
                    kinds.add(k.name() + " in " + brokenBy.get(k.name()));
                }
            }
            s.add(Cell.text((keep.isEmpty() ? ": " : "; ") + (breaking == 1 ? "one variant breaks " : breaking
                    + " variants break ") + String.join(", ", kinds)));
        }
        if (!open.isEmpty()) {
            s.add(Cell.text("; not proven yet (what ran was cut short, or missed its catalogued defects): "));
            for (int i = 0; i < open.size(); i++) {
                s.add(Cell.ref(open.get(i).info().id()));
                s.add(Cell.text(i + 1 < open.size() ? ", " : ""));
            }
        }
        if (!notRun.isEmpty()) {
            s.add(Cell.text("; not run: " + notRun.size()));
        }
        s.add(Cell.text("."));
        return s;
    }

    /** "×1.05 read side, remove p99 ×1.2 with a reader blocked": what keeping every property costs. */
    private static String cost(Assessment.FamilyView f, Assessment.VariantView v, TeardownLatencies l) {
        List<String> parts = new ArrayList<>();
        var first = f.variants().get(0);
        var mine = v.runs().stream().map(r -> r.readSide()).filter(x -> x != null).findFirst();
        var base = first.runs().stream().map(r -> r.readSide()).filter(x -> x != null).findFirst();
        if (v != first && mine.isPresent() && base.isPresent()) {
            parts.add(VerdictCard.withinNoise(mine.get(), base.get()) ? "read side within noise"
                    : Fmt.factor(mine.get().medianNs(), base.get().medianNs()) + " read side");
        }
        for (String situation : List.of("FD_OPEN", "READER_BLOCKED")) {
            l.get(v.info().id(), situation, "remove").filter(m -> v != first).ifPresent(m -> {
                String factor = l.factor(m);
                if (factor.startsWith("×")) {
                    parts.add("remove p99 " + factor + " with " + (situation.equals("FD_OPEN") ? "an fd open" : "a reader blocked"));
                }
            });
        }
        return String.join(", ", parts);
    }
}
