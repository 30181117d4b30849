package dev.unbind.result;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code mutation.json}: what mutation testing of some fixes found, variant by variant.
 *
 * @param format           {@link #FORMAT}
 * @param timeLimitSeconds each mutant's time limit
 * @param minKillRate      the kill rate a variant must reach (of its mutants that are not equivalent)
 * @param explorer         the explorer's bounds every mutant ran under, as a phrase
 * @param variants         one entry per variant mutated
 */
public record MutationResults(String format, double timeLimitSeconds, double minKillRate, String explorer,
                              List<VariantMutation> variants) {
    public static final String FILE = "mutation.json";
    public static final String FORMAT = "unbind-mutation/1";
    /** The kill rate asked of every corrected variant unless told otherwise. */
    public static final double TARGET_KILL_RATE = 0.95;

    public MutationResults {
        variants = List.copyOf(variants);
    }

    /** What a mutant's run showed. Only KILLED counts as detected; TIMED_OUT never does. */
    public enum Status {
        /** The explorer found a violation (the oracle) in a scenario within the time limit. */
        KILLED,
        /** The explorer finished without finding anything. */
        SURVIVED,
        /** The time limit passed before the explorer finished or found anything. */
        TIMED_OUT,
        /** Not run: the family's data says why it behaves like the fix. */
        EQUIVALENT
    }

    /**
     * The mutants of one variant.
     *
     * @param coreClasses the family's core (classes every variant uses), never mutated
     * @param ownClasses  the variant's own classes, where its mutants are
     * @param baseline    the unmutated variant under the same bounds
     * @param dropped     mutants left out because the changed code would not verify
     * @param notRun      mutants not started because the run's budget was spent (not in {@code mutants})
     */
    public record VariantMutation(String family, String variant, List<String> coreClasses, List<String> ownClasses,
                                  Baseline baseline, List<MutantResult> mutants, Counts counts, int dropped, int notRun) {
        public VariantMutation {
            coreClasses = List.copyOf(coreClasses);
            ownClasses = List.copyOf(ownClasses);
            mutants = List.copyOf(mutants);
        }
    }

    /** The unmutated variant's run: it must be clean for mutation testing to mean anything. */
    public record Baseline(int schedules, double seconds, boolean complete, boolean clean, String note) {
    }

    /**
     * One mutant and what became of it.
     *
     * @param id          {@code M1}, {@code M2}... in the order of the variant's code
     * @param key         the stable name ({@code operator Class.method target#n})
     * @param file        the source file (relative to the module's source root), {@code line} in it, {@code source} the line's text
     * @param reached     whether any schedule of the unmutated variant's exploration ran the mutated instruction
     * @param oracle      for KILLED: the finding kind that killed it, or {@code CRASH} when the model threw
     * @param seconds     time to the kill, or the time the run took
     * @param reason      EQUIVALENT: why; SURVIVED: why it survives if known; KILLED: the finding's summary
     * @param findingFile the killing schedule as a finding file, relative to the results directory, or null
     */
    public record MutantResult(String id, String key, String operator, String description, String className,
                               String method, String file, int line, String source, boolean reached, Status status,
                               String oracle, String scenario, String faults, double seconds, String reason,
                               String findingFile) {
    }

    /** Counts; {@code killRate} is killed over the mutants not equivalent, null when there are none. */
    public record Counts(int mutants, int killed, int survived, int timedOut, int equivalent, Double killRate) {
        public static Counts of(List<MutantResult> ms) {
            int killed = count(ms, Status.KILLED);
            int equivalent = count(ms, Status.EQUIVALENT);
            int scored = ms.size() - equivalent;
            return new Counts(ms.size(), killed, count(ms, Status.SURVIVED), count(ms, Status.TIMED_OUT), equivalent,
                    scored == 0 ? null : (double) killed / scored);
        }

        private static int count(List<MutantResult> ms, Status s) {
            return (int) ms.stream().filter(m -> m.status() == s).count();
        }
    }

    /** True if {@code v}'s unmutated run is clean and it kills at least {@link #minKillRate()} of its scored mutants. */
    public boolean enough(VariantMutation v) {
        Double rate = v.counts().killRate();
        return v.baseline().clean() && (rate == null || rate >= minKillRate);
    }

    /** The counts over every variant. */
    public Counts total() {
        return Counts.of(variants.stream().flatMap(v -> v.mutants().stream()).toList());
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Journal.json().writer(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(FILE).toFile(), this);
    }

    /** The mutation results of a results directory, or null when it has none. */
    public static MutationResults read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        MutationResults r = Journal.json().readValue(f.toFile(), MutationResults.class);
        if (!FORMAT.equals(r.format())) {
            throw new IOException(f + " is not a mutation results file (format " + r.format() + ")");
        }
        return r;
    }
}
