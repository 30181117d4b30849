package dev.unbind.finding;

import dev.unbind.code.Frame;

import java.util.List;

/**
 * Renders a finding the way KASAN prints a report: the bug line naming the function that did it
 * (and the one that freed the memory), the access, allocation and free sites with their actors and
 * functions, then the witness interleaving of named steps.
 */
public final class KasanReport {
    private static final String RULE = "==================================================================";

    private KasanReport() {
    }

    public static String render(Finding f) {
        return render(f, "");
    }

    /** @param context a subject id and scenario, printed in the header when not empty */
    public static String render(Finding f, String context) {
        StringBuilder b = new StringBuilder();
        b.append(RULE).append('\n');
        b.append("BUG: unbind: ").append(f.kind().word()).append(" in ").append(headline(f)).append('\n');
        if (!context.isEmpty()) {
            b.append("Subject: ").append(context).append('\n');
        }
        b.append(f.summary()).append('\n');
        if (f.suspectModel()) {
            b.append(capitalise(Finding.SUSPECT_MODEL)).append('\n');
        }
        for (Role r : f.sites()) {
            Site s = r.site();
            b.append('\n').append(capitalise(r.role())).append(" actor ").append(s.actor()).append(":\n");
            b.append("  ").append(s.what()).append('\n');
            b.append("  at ").append(s.step()).append('\n');
            for (Frame fr : s.frames()) {
                b.append("   ").append(fr).append('\n');
            }
        }
        if (!f.detail().isEmpty()) {
            b.append('\n').append(f.detail().stripTrailing()).append('\n');
        }
        b.append('\n').append("Faults fired: ");
        if (f.faults().isEmpty()) {
            b.append("none\n");
        } else {
            b.append('\n');
            for (Firing x : f.faults()) {
                b.append("  ").append(x).append('\n');
            }
        }
        List<Step> w = f.witness();
        b.append('\n').append("Witness (").append(w.size()).append(" named steps):\n");
        int actorWidth = w.stream().mapToInt(s -> s.actor().length()).max().orElse(5);
        for (Step s : w) {
            b.append(String.format("  %4d  %-" + actorWidth + "s  %s%n", s.seq(), s.actor(), s.point()));
        }
        b.append(RULE).append('\n');
        return b.toString();
    }

    /**
     * {@code DisplayDriver.readHpd, freed in Devres.releaseAll}: the function of the first site and,
     * when another site freed the memory, the freeing function. Without frames (an engine that
     * takes none), the first site's named step unless it is the kernel's own ({@code kernel.kfree})
     * or none yet, else the object.
     */
    static String headline(Finding f) {
        if (f.sites().isEmpty()) {
            return f.object();
        }
        Site first = f.sites().get(0).site();
        String where = !first.function().isEmpty() ? first.function()
                : !first.step().startsWith("(") && !first.step().startsWith("kernel.") ? first.step() : f.object();
        for (Role r : f.sites().subList(1, f.sites().size())) {
            if (r.role().contains("freed") && !r.site().function().isEmpty()) {
                return where + ", freed in " + r.site().function();
            }
        }
        return where;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
