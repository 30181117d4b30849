package dev.unbind.engine.jcstress;

import dev.unbind.finding.Kind;

import java.util.Optional;

/**
 * What an outcome word of a JCStress test means for the result model. The tests name outcomes
 * with the words of {@link Kind} ({@code use-after-free}, {@code fence}...) and {@code ok}.
 * <ul>
 *   <li>a {@link Kind} word is a finding of that kind, whatever the test graded it;</li>
 *   <li>{@code ok}, or any other word the test graded ACCEPTABLE ({@code enodev}), is benign;</li>
 *   <li>any other word is unknown: the engine cannot file it under a property, so the test's run
 *       is an error rather than a silently dropped result.</li>
 * </ul>
 */
public final class OutcomeWords {
    /** The word of a run with no finding. */
    public static final String OK = "ok";

    /** How one observed word is treated. */
    public enum Meaning {
        FINDING, BENIGN, UNKNOWN
    }

    private OutcomeWords() {
    }

    /** The kind a word names, if it names one. */
    public static Optional<Kind> kind(String word) {
        for (Kind k : Kind.values()) {
            if (k.word().equals(word)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * @param expect the test's grade for the word: {@code ACCEPTABLE}, {@code ACCEPTABLE_INTERESTING},
     *               {@code FORBIDDEN} or {@code UNKNOWN}
     */
    public static Meaning meaning(String word, String expect) {
        if (kind(word).isPresent()) {
            return Meaning.FINDING;
        }
        if (OK.equals(word) || "ACCEPTABLE".equals(expect)) {
            return Meaning.BENIGN;
        }
        return Meaning.UNKNOWN;
    }
}
