package dev.unbind.result;

/**
 * The CI question, for a variant and for the whole run: did everything behave as the catalogue
 * expects? A pre-fix variant that shows its defects meets its expectation although it is broken:
 * that is what {@link FixVerdict} says instead. A variant no engine checked never meets it, and
 * an interrupted run never passes.
 */
public enum CiVerdict {
    /** Behaved as expected (a variant); every variant did and nothing was lost (the run). */
    MET("met", "PASS"),
    /** A fixed variant showed a violation, a catalogued defect is no longer found, coverage fell short. */
    NOT_MET("not met", "FAIL"),
    /** The run was cut (a signal, a kill): nothing contradicts the expectation in what ran, no more. */
    INCOMPLETE("met so far (the run is incomplete)", "INCOMPLETE"),
    /** No engine that looks for defects ran the variant. */
    NOT_RUN("not run", "NOT RUN");

    private final String variantWords;
    private final String runWord;

    CiVerdict(String variantWords, String runWord) {
        this.variantWords = variantWords;
        this.runWord = runWord;
    }

    /** How a variant's verdict reads: {@code met}, {@code not met}... */
    public String words() {
        return variantWords;
    }

    /** How the run's verdict reads: {@code PASS}, {@code FAIL}, {@code INCOMPLETE}. */
    public String runWord() {
        return runWord;
    }

    /** The exit code of a run with this verdict: 0, 1, or 4 for an incomplete run (see the README). */
    public int exitCode() {
        return switch (this) {
            case MET, NOT_RUN -> 0;
            case NOT_MET -> 1;
            case INCOMPLETE -> 4;
        };
    }
}
