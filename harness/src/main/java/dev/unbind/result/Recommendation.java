package dev.unbind.result;

import java.util.List;

/**
 * The one line at the top of a family: which variants to take and which not, drawn from their fix
 * verdicts only (never from their names or their expectations).
 */
final class Recommendation {
    private Recommendation() {
    }

    static String of(List<Assessment.VariantView> variants) {
        List<Assessment.VariantView> keep = with(variants, FixVerdict.State.KEEPS_EVERY_PROPERTY);
        List<Assessment.VariantView> broken = with(variants, FixVerdict.State.BROKEN);
        List<Assessment.VariantView> open = with(variants, FixVerdict.State.INCOMPLETE);
        if (keep.isEmpty() && broken.isEmpty() && open.isEmpty()) {
            return "Not run: no engine looked for defects in this family.";
        }
        StringBuilder b = new StringBuilder();
        if (!keep.isEmpty()) {
            b.append("Take ").append(ids(keep)).append(keep.size() == 1 ? ": it keeps" : ": they keep").append(" every property.");
        } else if (!open.isEmpty()) {
            b.append("No variant is proven yet: ").append(ids(open)).append(" found nothing in what ran, which was cut short.");
        } else {
            b.append("Take none: every variant that ran is broken.");
        }
        if (!broken.isEmpty()) {
            b.append(" Broken: ");
            for (int i = 0; i < broken.size(); i++) {
                Assessment.VariantView v = broken.get(i);
                b.append(i == 0 ? "" : "; ").append(v.info().id()).append(" (")
                        .append(String.join(", ", v.fix().broken().stream().map(Enum::name).toList()))
                        .append(v.fix().suspect() == 0 ? "" : ", " + v.fix().suspect() + " suspect model").append(')');
            }
            b.append('.');
        }
        if (!keep.isEmpty() && !open.isEmpty()) {
            b.append(" Not proven yet: ").append(ids(open)).append('.');
        }
        return b.toString();
    }

    private static List<Assessment.VariantView> with(List<Assessment.VariantView> vs, FixVerdict.State s) {
        return vs.stream().filter(v -> v.fix().state() == s).toList();
    }

    private static String ids(List<Assessment.VariantView> vs) {
        return String.join(", ", vs.stream().map(v -> v.info().id()).toList());
    }
}
