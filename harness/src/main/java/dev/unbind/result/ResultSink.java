package dev.unbind.result;

/**
 * Where engines put what they find, as they find it. The journal-backed sink writes finding
 * files and journal lines immediately, so a killed run keeps everything found so far.
 */
public interface ResultSink {
    /** Records a finding; returns it with its finding file set, if one was written. */
    FindingRecord finding(FindingRecord f, FindingFile file);

    void run(RunRecord r);

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
