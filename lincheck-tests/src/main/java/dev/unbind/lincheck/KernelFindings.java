package dev.unbind.lincheck;

import dev.unbind.engine.lincheck.FindingMessage;
import dev.unbind.finding.Finding;
import dev.unbind.kernel.Kernel;
import dev.unbind.result.Catalogue;
import dev.unbind.subject.Defect;

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
     * finding is named by {@link #defectOf}.
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
            Defect d = defectOf(f, variant, catalogue);
            b.append(b.length() == 0 ? "" : "\n").append(FindingMessage.line(d == null ? null : d.id(), f));
        }
        throw new KernelFindings(b.toString());
    }

    /**
     * The catalogued defect a finding shows under Lincheck: the first defect of the variant that
     * matches it and needs no injected fault (Lincheck never arms one, so a leak is the close after
     * the revoke, not the failed open a fault would cause); else the first that matches at all.
     */
    static Defect defectOf(Finding f, String variant, Catalogue catalogue) {
        for (Defect d : catalogue.defectsOf(variant)) {
            if (d.faults().isEmpty() && d.matches(f)) {
                return d;
            }
        }
        return catalogue.attribute(variant, "", f);
    }
}
