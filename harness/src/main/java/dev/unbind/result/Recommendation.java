package dev.unbind.result;

import dev.unbind.finding.Kind;
import dev.unbind.subject.Situation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one sentence at the top of a family, drawn from its variants' fix verdicts and costs only
 * (never from their names or their expectations): which variants keep every property and what that
 * costs (read side and remove p99 over the pre-fix code, when outside the noise), which are not
 * proven yet, and what the others leave broken, e.g. {@code Keeps every property: uio.fenced (×1.38
 * read side); uio.mainline leaves UAF, LEAK; uio.late-release leaves UAF.}
 *
 * @param pieces the sentence in pieces, each either plain text or a variant id (which a report links)
 */
public record Recommendation(List<Piece> pieces) {
    /** A piece of the sentence: a variant id when {@code variant}, else text. */
    public record Piece(String text, boolean variant) {
    }

    public Recommendation {
        pieces = List.copyOf(pieces);
    }

    /** The sentence as plain text (the console, report.json). */
    public String words() {
        StringBuilder b = new StringBuilder();
        pieces.forEach(p -> b.append(p.text()));
        return b.toString();
    }

    @Override
    public String toString() {
        return words();
    }

    static Recommendation of(Assessment.FamilyView f) {
        List<Assessment.VariantView> keep = with(f.variants(), FixVerdict.State.KEEPS_EVERY_PROPERTY);
        List<Assessment.VariantView> open = with(f.variants(), FixVerdict.State.INCOMPLETE);
        List<Assessment.VariantView> broken = with(f.variants(), FixVerdict.State.BROKEN);
        List<Assessment.VariantView> notRun = with(f.variants(), FixVerdict.State.NOT_RUN);
        Sentence s = new Sentence();
        if (keep.isEmpty() && open.isEmpty() && broken.isEmpty()) {
            return s.text("Not run: no engine looked for defects in this family.").done();
        }
        if (!keep.isEmpty()) {
            s.text("Keeps every property: ");
            for (int i = 0; i < keep.size(); i++) {
                String cost = cost(f, keep.get(i));
                s.variant(keep.get(i)).text((cost.isEmpty() ? "" : " (" + cost + ")") + (i + 1 < keep.size() ? ", " : ""));
            }
        } else if (!open.isEmpty()) {
            s.text("Not proven yet: ").variants(open).text(" (nothing found in what ran, which was incomplete)");
        } else {
            s.text("No variant keeps every property");
        }
        String joint = keep.isEmpty() && open.isEmpty() ? ": " : "; ";
        for (List<Assessment.VariantView> same : byBreakage(broken).values()) {
            FixVerdict fix = same.get(0).fix();
            s.text(joint).variants(same).text((same.size() == 1 ? " leaves " : " leave ")
                    + String.join(", ", fix.broken().stream().map(Kind::name).toList())
                    + (fix.suspect() == 0 ? "" : " (" + fix.suspect() + " suspect model" + (same.size() == 1 ? ")" : " each)")));
            joint = "; ";
        }
        if (!keep.isEmpty() && !open.isEmpty()) {
            s.text("; not proven yet: ").variants(open);
        }
        if (!notRun.isEmpty()) {
            s.text("; not run: ").variants(notRun);
        }
        return s.text(".").done();
    }

    /** Broken variants grouped by what they leave (the properties, and how many findings are suspect model), in catalogue order. */
    private static Map<String, List<Assessment.VariantView>> byBreakage(List<Assessment.VariantView> broken) {
        Map<String, List<Assessment.VariantView>> out = new LinkedHashMap<>();
        for (Assessment.VariantView v : broken) {
            out.computeIfAbsent(v.fix().broken() + "/" + v.fix().suspect(), k -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /** "×1.38 read side, remove p99 ×1.20 with a reader blocked": what keeping every property costs, beyond the noise. */
    private static String cost(Assessment.FamilyView f, Assessment.VariantView v) {
        List<String> parts = new ArrayList<>();
        f.readSideOverFirst(v).filter(x -> !Double.isNaN(x.value()))
                .ifPresent(x -> parts.add(x.withinNoise() ? "read side within noise" : factor(x) + " read side"));
        for (Situation situation : List.of(Situation.FD_OPEN, Situation.READER_BLOCKED)) {
            f.teardown().p99OverFirst(v.info().id(), situation.name(), "remove").filter(x -> !x.withinNoise())
                    .ifPresent(x -> parts.add("remove p99 " + factor(x) + " with "
                            + (situation == Situation.FD_OPEN ? "an fd open" : "a reader blocked")));
        }
        return String.join(", ", parts);
    }

    private static String factor(Factor x) {
        return String.format(Locale.ROOT, "×%.2f", x.value());
    }

    private static List<Assessment.VariantView> with(List<Assessment.VariantView> vs, FixVerdict.State s) {
        return vs.stream().filter(v -> v.fix().state() == s).toList();
    }

    /** Builds the pieces. */
    private static final class Sentence {
        private final List<Piece> pieces = new ArrayList<>();

        Sentence text(String t) {
            if (!t.isEmpty()) {
                pieces.add(new Piece(t, false));
            }
            return this;
        }

        Sentence variant(Assessment.VariantView v) {
            pieces.add(new Piece(v.info().id(), true));
            return this;
        }

        Sentence variants(List<Assessment.VariantView> vs) {
            for (int i = 0; i < vs.size(); i++) {
                variant(vs.get(i)).text(i + 1 < vs.size() ? ", " : "");
            }
            return this;
        }

        Recommendation done() {
            return new Recommendation(pieces);
        }
    }
}
