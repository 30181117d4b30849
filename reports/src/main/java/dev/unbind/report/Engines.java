package dev.unbind.report;

import dev.unbind.result.Assessment;
import dev.unbind.result.ReadSideCost;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The engines in the order the reports show them, and what each one counts. */
final class Engines {
    static final String EXPLORER = "explorer";
    private static final List<String> ORDER = List.of(EXPLORER, "stress", "jcstress", "lincheck", ReadSideCost.ENGINE);

    /** Known engines first in their fixed order, then any other by name. */
    static final Comparator<String> ORDERING = Comparator.comparingInt(Engines::rank).thenComparing(e -> e);

    private Engines() {
    }

    static List<String> sorted(Collection<String> engines) {
        return engines.stream().distinct().sorted(ORDERING).toList();
    }

    /** The engines that look for defects, in order. */
    static List<String> detecting(Collection<String> engines) {
        return sorted(engines).stream().filter(Assessment::looksForDefects).toList();
    }

    /** What one unit of {@code RunRecord.runs} is for this engine. */
    static String unit(String engine) {
        return switch (engine) {
            case EXPLORER -> "schedules";
            case "jcstress" -> "samples";
            case "lincheck" -> "invocations";
            case ReadSideCost.ENGINE -> "calls";
            default -> "runs";
        };
    }

    private static int rank(String engine) {
        int i = ORDER.indexOf(engine);
        return i < 0 ? ORDER.size() : i;
    }
}
