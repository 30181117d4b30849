package dev.unbind.result;

/**
 * Where engines put what they find, as they find it. The journal-backed sink writes finding
 * files and journal lines immediately, so a killed run keeps everything found so far.
 */
public interface ResultSink {
    /** Records a finding; returns it with its finding file set, if one was written. */
    FindingRecord finding(FindingRecord f, FindingFile file);

    void run(RunRecord r);

    /**
     * Keeps a long text that belongs to {@code variant}'s findings (a checker's whole trace) in a
     * file of its own, so that journal lines stay short. Returns the file's path relative to the
     * results directory, or null when this sink keeps no files.
     */
    default String attach(String variant, String name, String text) {
        return null;
    }

    /** A one-line progress message for long runs. */
    void progress(String line);

    /** A sink that keeps nothing (tests). */
    ResultSink NONE = new ResultSink() {
        @Override
        public FindingRecord finding(FindingRecord f, FindingFile file) {
            return f;
        }

        @Override
        public void run(RunRecord r) {
        }

        @Override
        public void progress(String line) {
        }
    };
}
