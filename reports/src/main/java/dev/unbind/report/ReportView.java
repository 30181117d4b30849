package dev.unbind.report;

import dev.unbind.history.SinceLastNight;
import dev.unbind.result.Assessment;
import dev.unbind.result.CiVerdict;
import dev.unbind.result.Completion;
import dev.unbind.result.Coverage;
import dev.unbind.result.Meta;
import dev.unbind.result.Results;
import dev.unbind.shard.MergeRecord;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.util.List;

/** The whole comparison report as data: what was run, the overall verdict, and one part per family. */
record ReportView(boolean ok, List<Meta> metas, List<String> problems, List<String> warnings,
                  List<FamilyReport> families, CiVerdict ci, Completion completion, Coverage coverage,
                  SinceLastNight since, MergeRecord merge) {

    static ReportView of(Assessment a, Results r, java.nio.file.Path dir) {
        ProblemIndex problems = new ProblemIndex(a);
        SourceLinks links = SourceLinks.from(dir);
        List<FamilyReport> families = a.families().stream().map(f -> FamilyReport.of(f, r, problems, links)).toList();
        try {
            return new ReportView(a.ok(), a.metas(), a.problems(), a.warnings(), families, a.ci(), a.completion(), a.coverage(),
                    SinceLastNight.readIn(dir), MergeRecord.readIn(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read what " + dir + " keeps beside its journal", e);
        }
    }

    /** One row per command that wrote to the journal. */
    Table runs() {
        Table.Builder t = new Table.Builder().col("Command").col("Subjects").col("Budget").num("Seed")
                .col("Started").col("Finished").col("Host").col("Java");
        for (Meta m : metas) {
            t.row(List.of(Cell.code(m.command()),
                    Cell.text(m.subjects() == null || m.subjects().isEmpty() ? "all" : String.join(", ", m.subjects())),
                    Cell.text(m.budget()), Cell.text(Long.toString(m.seed())),
                    Cell.text(m.startedAt()), Cell.text(m.finishedAt() == null || m.finishedAt().isEmpty() ? "(no end marker)"
                            : m.finishedAt() + (m.status().isEmpty() || m.status().equals(Meta.FINISHED) ? "" : " (" + m.status() + ")")),
                    Cell.text(m.host()), Cell.text(m.java())));
        }
        return t.build();
    }
}
