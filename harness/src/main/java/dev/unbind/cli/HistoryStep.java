package dev.unbind.cli;

import dev.unbind.history.Nights;
import dev.unbind.history.SinceLastNight;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code --history} / {@code --baseline} of nightly and merge: compare, record, say so in one line. */
final class HistoryStep {
    private HistoryStep() {
    }

    static void apply(Path results, Path history, Path baseline, PrintStream console) {
        if (history == null && baseline == null) {
            return;
        }
        try {
            SinceLastNight s = Nights.update(results, history, baseline);
            console.printf("since last night%s: %d new, %d fixed, %d regression(s), %d not seen, %d still open%n",
                    s.previous() == null ? " (the first night of this history)" : " (" + s.previous() + ")",
                    s.newFindings().size(), s.fixed().size(), s.regressions().size(), s.notSeen().size(), s.stillOpen().size());
            for (SinceLastNight.Entry e : s.regressions()) {
                console.println("  regression: " + e.key() + ": " + e.why());
            }
        } catch (IOException e) {
            throw new BadInput("cannot keep the history: " + e.getMessage());
        }
    }
}
