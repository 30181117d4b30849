package dev.unbind.history;

import dev.unbind.result.Assessment;
import dev.unbind.result.Journal;
import dev.unbind.result.Results;
import dev.unbind.shard.CellCosts;
import dev.unbind.shard.MergeRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code --history DIR} and {@code --baseline PREV} do once a night's results are complete:
 * compare tonight with the nights before ({@link SinceLastNight}, written beside the results for the
 * reports), then add tonight to the history, with the time each cell took (the next night's shard
 * balance).
 */
public final class Nights {
    private Nights() {
    }

    /**
     * @param results  tonight's results directory
     * @param history  a history directory, or null
     * @param baseline an earlier night's results directory to compare with, or null
     */
    public static SinceLastNight update(Path results, Path history, Path baseline) throws IOException {
        Results r = Journal.read(results);
        Night tonight = Night.of(r, MergeRecord.amend(Assessment.of(r), results));
        List<Night> earlier = new ArrayList<>();
        if (history != null) {
            History.read(history).stream().filter(n -> !n.id().equals(tonight.id())).forEach(earlier::add);
        }
        if (baseline != null) {
            Results b = Journal.read(baseline);
            Night before = Night.of(b, MergeRecord.amend(Assessment.of(b), baseline));
            if (!before.id().equals(tonight.id()) && earlier.stream().noneMatch(n -> n.id().equals(before.id()))) {
                earlier.add(before);
            }
        }
        earlier.removeIf(n -> n.id().compareTo(tonight.id()) > 0); // a re-rendered older night compares with its own past
        earlier.sort(Comparator.comparing(Night::id));
        SinceLastNight s = SinceLastNight.compare(earlier, tonight);
        s.write(results);
        if (history != null) {
            History.record(history, tonight);
            CellCosts.read(history).updatedBy(r).write(history);
        }
        return s;
    }
}
