package dev.unbind.cli;

import dev.unbind.history.Nights;
import dev.unbind.history.SinceLastNight;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code --history} and {@code --baseline}, shared by nightly and merge: compare, record, say so in one line. */
final class HistoryOptions {
    @Option(names = "--history", paramLabel = "DIR", description = "Keep the nights in DIR (a JSON line per night, "
            + "per finding and per variant verdict): the report says what changed since the last night, and the "
            + "next night's shards balance on the measured cell times. With nightly --shard, only the times are "
            + "read: merge --history records the night.")
    Path history;

    @Option(names = "--baseline", paramLabel = "PREV", description = "Compare with an earlier night's results directory.")
    Path baseline;

    /** Compares the night in {@code results} with the earlier ones and records it; nothing without either option. */
    void apply(Path results, PrintStream console) {
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
