package dev.unbind.cli;

import dev.unbind.shard.Merge;
import dev.unbind.shard.MergeRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code unbind merge DIR... --out DIR}: the results of {@code nightly --shard} runs into one results
 * directory and one set of reports ({@link Merge}). Exit codes as for nightly: 1 also when a shard is
 * missing, did not finish or ran over its budget.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, description = "Merge the results directories of "
        + "nightly --shard runs into one, check every shard reported, and write the reports.")
final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "<shard-dir>", description = "The shards' results directories.")
    List<Path> dirs;

    @Option(names = "--out", description = "The merged results directory (default: ${DEFAULT-VALUE}).", defaultValue = "out/merged")
    Path out;

    @Mixin
    HistoryOptions nights = new HistoryOptions();

    private final Main main;

    MergeCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        Workspace.checkWritable(out);
        MergeRecord m;
        try {
            m = Merge.run(dirs, out);
        } catch (IOException e) {
            throw new BadInput(e.getMessage());
        }
        for (MergeRecord.ShardLine s : m.shards()) {
            main.out().printf("shard %d/%d  %-10s planned %6.0f s  took %6.0f s  budget %6.0f s  cells %d of %d ran  %s%n",
                    s.index(), m.count(), s.status(), s.plannedSeconds(), s.seconds(), s.budgetSeconds(), s.ran(), s.cells(),
                    s.dir());
        }
        nights.apply(out, main.out());
        return Summary.conclude(out, main.out());
    }
}
