package dev.unbind.engine.jcstress;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What JCStress recorded for one test, merged over its JVM configurations, as plain data.
 *
 * @param test     the test name
 * @param status   JCStress's status: {@code NORMAL} when the test ran, else the error it hit
 *                 ({@code TEST_ERROR}, {@code VM_ERROR}, {@code TIMEOUT_ERROR}...)
 * @param samples  total samples
 * @param words    every observed outcome word with its count and grade
 * @param messages error messages and VM output JCStress kept, first lines only
 */
public record CaseOutcome(String test, String status, long samples, List<Word> words,
                          List<String> messages) {
    public CaseOutcome {
        words = List.copyOf(words);
        messages = List.copyOf(messages);
    }

    /**
     * @param word   the outcome id
     * @param count  how often it was observed
     * @param expect its grade: {@code ACCEPTABLE}, {@code ACCEPTABLE_INTERESTING}, {@code FORBIDDEN},
     *               {@code UNKNOWN} when the test has no outcome for it
     */
    public record Word(String word, long count, String expect) {
        public boolean forbidden() {
            return "FORBIDDEN".equals(expect);
        }

        public boolean interesting() {
            return "ACCEPTABLE_INTERESTING".equals(expect);
        }
    }

    public boolean ran() {
        return "NORMAL".equals(status);
    }

    /** {@code ok=41987, use-after-free=5 (interesting)}: the note of the test's run record. */
    public String counts() {
        return words.stream().map(w -> w.word() + "=" + w.count()
                        + (w.forbidden() ? " (FORBIDDEN)" : w.interesting() ? " (interesting)" : ""))
                .collect(Collectors.joining(", "));
    }

    public long forbiddenSamples() {
        return words.stream().filter(Word::forbidden).mapToLong(Word::count).sum();
    }

    public long interestingSamples() {
        return words.stream().filter(Word::interesting).mapToLong(Word::count).sum();
    }
}
