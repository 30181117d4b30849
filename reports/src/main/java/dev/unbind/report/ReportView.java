package dev.unbind.report;

import dev.unbind.history.SinceLastNight;
import dev.unbind.result.Assessment;
import dev.unbind.result.Meta;
import dev.unbind.result.Results;
import dev.unbind.shard.MergeRecord;

import java.io.IOException;
import java.nio.file.Path;

import java.util.List;

/**
 * The whole comparison report as data: what was run, the overall verdict, and one part per family;
 * for a night kept in a history, what changed since the last one, and for a merged night, its shards
 * (each null otherwise).
 */
record ReportView(boolean ok, List<Meta> metas, List<String> problems, List<String> warnings,
                  List<FamilyReport> families, SinceLastNight since, MergeRecord merge) {

    static ReportView of(Assessment a, Results r) {
        ProblemIndex problems = new ProblemIndex(a);
        List<FamilyReport> families = a.families().stream().map(f -> FamilyReport.of(f, r, problems)).toList();
        return new ReportView(a.ok(), a.metas(), a.problems(), a.warnings(), families, null, null);
    }

    /** With what the results directory keeps beside the journal. */
    static ReportView of(Assessment a, Results r, Path dir) throws IOException {
        ReportView v = of(a, r);
        return new ReportView(v.ok, v.metas, v.problems, v.warnings, v.families, SinceLastNight.readIn(dir),
                MergeRecord.readIn(dir));
    }

    /** One row per command that wrote to the journal. */
    Table runs() {
        Table.Builder t = new Table.Builder().col("Command").col("Subjects").col("Budget").num("Seed")
                .col("Started").col("Finished").col("Host").col("Java");
        for (Meta m : metas) {
            t.row(List.of(Cell.code(m.command()),
                    Cell.text(m.subjects() == null || m.subjects().isEmpty() ? "all" : String.join(", ", m.subjects())),
                    Cell.text(m.budget()), Cell.text(Long.toString(m.seed())),
                    Cell.text(m.startedAt()), Cell.text(m.finishedAt() == null ? "(did not finish)" : m.finishedAt()),
                    Cell.text(m.host()), Cell.text(m.java())));
        }
        return t.build();
    }
}
