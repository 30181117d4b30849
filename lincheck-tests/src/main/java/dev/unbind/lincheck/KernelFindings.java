package dev.unbind.lincheck;

import dev.unbind.engine.lincheck.FindingMessage;
import dev.unbind.finding.Finding;
import dev.unbind.kernel.Kernel;
import dev.unbind.result.Catalogue;

import java.util.List;

/**
 * The kernel's findings of one Lincheck invocation, as the failure a facade's {@code @Validate}
 * throws: one {@link FindingMessage} line per finding, in the order the kernel reported them,
 * each naming the catalogued defect of the variant it matches.
 */
public final class KernelFindings extends AssertionError {
    private KernelFindings(String lines) {
        super(lines);
    }

    /**
     * Throws when the run of {@code variant} on {@code k} found anything: a model or harness
     * error as an {@link IllegalStateException} (a bug, not a verdict), findings as
     * {@link KernelFindings}.
     */
    public static void check(Kernel k, Catalogue catalogue, String variant) {
        if (!k.errors().isEmpty()) {
            throw new IllegalStateException("model error in " + variant + ": " + k.errors().get(0), k.errors().get(0));
        }
        List<Finding> found = k.findingList();
        if (found.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        for (Finding f : found) {
            // Lincheck builds facades without arguments, so the check's scenario is unknown here:
            // the first catalogued defect of the variant that matches the finding names it.
            var d = catalogue.attribute(variant, "", f);
            b.append(b.length() == 0 ? "" : "\n").append(FindingMessage.line(d == null ? null : d.id(), f));
        }
        throw new KernelFindings(b.toString());
    }
}
