package dev.unbind.result;

import dev.unbind.finding.Kind;

import java.util.List;

/**
 * What a reviewer asks of a variant: does the fix hold? Apart from the CI verdict (did the variant
 * behave as its catalogue expects), and said in plain words: {@code broken: UAF, HANG},
 * {@code keeps every property}, {@code not run}, or {@code incomplete: ...} when what ran was cut
 * short and found nothing.
 *
 * @param state   the verdict
 * @param broken  the properties broken, in {@link Kind} order (empty unless broken)
 * @param suspect findings that lie entirely in unchanged core code ({@link dev.unbind.finding.Finding#suspectModel()})
 * @param words   the verdict as the reports print it
 */
public record FixVerdict(State state, List<Kind> broken, int suspect, String words) {
    /** The four answers. */
    public enum State { BROKEN, KEEPS_EVERY_PROPERTY, INCOMPLETE, NOT_RUN }

    public FixVerdict {
        broken = broken == null ? List.of() : List.copyOf(broken);
    }

    static FixVerdict broken(List<Kind> kinds, int suspect, int findings) {
        String words = "broken: " + String.join(", ", kinds.stream().map(Kind::name).toList());
        if (suspect > 0) {
            words += " (" + (suspect == findings ? "every finding" : suspect + " of " + findings + " findings")
                    + " suspect model: in unchanged core code only)";
        }
        return new FixVerdict(State.BROKEN, kinds, suspect, words);
    }

    static FixVerdict keeps() {
        return new FixVerdict(State.KEEPS_EVERY_PROPERTY, List.of(), 0, "keeps every property");
    }

    static FixVerdict incomplete(String why) {
        return new FixVerdict(State.INCOMPLETE, List.of(), 0, "incomplete: no violation in what ran, but " + why);
    }

    static FixVerdict notRun() {
        return new FixVerdict(State.NOT_RUN, List.of(), 0, "not run");
    }
}
