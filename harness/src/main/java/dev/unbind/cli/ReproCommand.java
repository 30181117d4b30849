package dev.unbind.cli;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Repro;
import dev.unbind.code.SourceLine;
import dev.unbind.finding.BugLines;
import dev.unbind.finding.Finding;
import dev.unbind.result.FindingFile;
import dev.unbind.subject.Defect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code unbind repro <finding-file>}: replay a recorded finding and print its KASAN-style report. */
@Command(name = "repro", mixinStandardHelpOptions = true, description = "Replay a finding file deterministically and print the KASAN-style report.")
final class ReproCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<finding-file>", description = "A finding file (findings/<variant>/...json).")
    Path file;

    @Option(names = "--repeat", description = "Replay this many times and check the reports are identical (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int repeat;

    private final Main main;

    ReproCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        if (repeat < 1) {
            throw new BadInput("--repeat must be 1 or more");
        }
        FindingFile f;
        try {
            f = FindingFile.read(file);
        } catch (IOException e) {
            throw new BadInput(e.getMessage());
        }
        Repro repro = new Repro(f, main.subjects()); // a file the subjects cannot replay: bad input, exit 2
        main.out().println("replaying " + repro.how());
        if (!repro.locate(ExploreOptions.defaults())) {
            main.out().println("not reproduced: no schedule within the explorer's bound shows "
                    + (f.defect() == null ? f.signature() : f.defect()));
            return 1;
        }
        String first = null;
        int identical = 0;
        for (int i = 0; i < repeat; i++) {
            Repro.Replay r = repro.replay();
            if (!r.reproduced()) {
                main.out().println("not reproduced: " + r.problem());
                return 1;
            }
            if (first == null) {
                first = r.report();
                main.out().print(first);
                explain(f, r.finding());
            }
            if (first.equals(r.report())) {
                identical++;
            }
        }
        main.out().printf("reproduced %d of %d replays, %d identical report(s)%n", repeat, repeat, identical);
        return identical == repeat ? 0 : 1;
    }

    /** Why it happens (the catalogue's one sentence) and where the author marked it ({@code // BUG:} lines on its stacks). */
    private void explain(FindingFile f, Finding finding) {
        Defect d = f.defect() == null ? null : main.subjects().find(f.variant()).family().defectsOf(f.variant()).stream()
                .filter(x -> x.id().equals(f.defect())).findFirst().orElse(null);
        if (d != null) {
            main.out().println("Defect: " + d.id() + " — " + d.title());
            main.out().println("Because: " + d.because());
        } else {
            main.out().println("Defect: not in the catalogue (" + f.signature() + ")");
        }
        List<SourceLine> bugs = finding == null ? List.of() : BugLines.of(finding);
        if (bugs.isEmpty()) {
            main.out().println("BUG line: none on the finding's stacks (the defect is in code that is missing, or in core code)");
        }
        for (SourceLine b : bugs) {
            main.out().println("BUG line: " + b);
        }
    }
}
