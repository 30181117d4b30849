package dev.unbind.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code unbind report <results-dir>}: render the reports of a results directory again. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Render report.md, report.json, index.html and junit.xml from a results directory; "
        + "a journal without an end marker (a killed run) is reported INCOMPLETE (exit 4).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<results-dir>", description = "A directory written by explore, stress or nightly.")
    Path dir;

    @picocli.CommandLine.Mixin
    RunOptions run = new RunOptions();

    private final Main main;

    ReportCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new BadInput("no results directory " + dir);
        }
        return Summary.conclude(dir, main.out(), run.verbose, run.coverage());
    }
}
