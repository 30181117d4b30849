package dev.unbind.engine.lincheck;

import dev.unbind.engine.lincheck.FindingMessage;
import dev.unbind.finding.Finding;
import dev.unbind.kernel.Kernel;
import dev.unbind.result.Catalogue;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.List;

/**
 * What a facade's {@code @Validate} throws when the kernel found something during a run: one
 * {@link FindingMessage} line per finding, in the order the kernel reported them, each naming
 * the catalogued defect it shows (the engine and the tests read the ids back).
 */
public final class KernelFindings extends AssertionError {
    private KernelFindings(String lines) {
        super(lines);
    }

    /**
     * Throws {@link IllegalStateException} if the model itself failed (a bug in the model or the
     * harness, not a finding), {@link KernelFindings} if the kernel reported any finding.
     *
     * <p>Lincheck builds facades without arguments, so the check's scenario is unknown here: the
     * finding names every defect it matches ({@link #candidates}).
     */
    public static void throwIfAny(Kernel k, String variant, Catalogue catalogue) {
        if (!k.errors().isEmpty()) {
            throw new IllegalStateException("model error in " + variant + ": " + k.errors().get(0), k.errors().get(0));
        }
        List<Finding> found = k.findingList();
        if (found.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        for (Finding f : found) {
            b.append(b.length() == 0 ? "" : "\n").append(FindingMessage.line(candidates(f, variant, catalogue), f));
        }
        throw new KernelFindings(b.toString());
    }

    /**
     * The catalogued defects a finding may show under Lincheck: every defect of the variant that
     * matches it and needs no injected fault (Lincheck never arms one, so a leak is the close after
     * the revoke, not the failed open a fault would cause), in catalogue order.
     */
    static List<String> candidates(Finding f, String variant, Catalogue catalogue) {
        List<String> out = new ArrayList<>();
        for (Defect d : catalogue.defectsOf(variant)) {
            if (d.faults().isEmpty() && d.matches(f)) {
                out.add(d.id());
            }
        }
        return out;
    }
}
