package dev.unbind.finding;

import java.util.List;

/**
 * Renders a finding the way KASAN prints a report: the bug line, the access, the allocation and
 * free sites with their actors, then the witness interleaving of named steps.
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
        for (Role r : f.sites()) {
            Site s = r.site();
            b.append('\n').append(capitalise(r.role())).append(" actor ").append(s.actor()).append(":\n");
            b.append("  ").append(s.what()).append('\n');
            b.append("  at ").append(s.step()).append('\n');
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

    private static String headline(Finding f) {
        return f.sites().isEmpty() ? f.object() : f.sites().get(0).site().step();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
