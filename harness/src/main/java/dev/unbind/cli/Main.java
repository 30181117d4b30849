package dev.unbind.cli;

import dev.unbind.fault.FaultSpecException;
import dev.unbind.subject.Subjects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.List;

/**
 * The {@code unbind} command. Exit codes: 0 when every variant met its expectations, 1 when a
 * fixed variant showed a violation or a catalogued defect was not found, 2 for bad input (one
 * line, never a stack trace), 3 for an internal error.
 */
@Command(name = "unbind", mixinStandardHelpOptions = true, version = "unbind 0.1.0",
        description = "Fault-injection stress harness for concurrent device teardown.")
public final class Main implements Runnable {
    private final PrintStream out;
    private final PrintStream err;
    private Subjects subjects;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Main main = new Main(out, err);
        CommandLine cl = new CommandLine(main);
        cl.addSubcommand(new ListCommand(main));
        cl.addSubcommand(new ExploreCommand(main));
        cl.addSubcommand(new MutateCommand(main));
        cl.addSubcommand(new StressCommand(main));
        cl.addSubcommand(new ReproCommand(main));
        cl.addSubcommand(new NightlyCommand(main));
        cl.addSubcommand(new ReportCommand(main));
        cl.addSubcommand(new MergeCommand(main));
        cl.addSubcommand(new BenchCommand(main));
        cl.addSubcommand(new NewCommand(main));
        cl.addSubcommand(new CommandLine.HelpCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("unbind: " + ex.getMessage());
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (ex instanceof BadInput || ex instanceof FaultSpecException || ex instanceof IllegalArgumentException) {
                err.println("unbind: " + ex.getMessage());
                return 2;
            }
            err.println("unbind: internal error: " + ex);
            if (System.getenv("UNBIND_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("(set UNBIND_DEBUG=1 for the stack trace)");
            }
            return 3;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Subjects subjects() {
        if (subjects == null) {
            subjects = Subjects.load();
            if (subjects.families().isEmpty()) {
                throw new BadInput("no subject families on the class path (run ./unbind, which builds them)");
            }
        }
        return subjects;
    }

    List<Subjects.Selected> select(List<String> globs) {
        return subjects().select(globs);
    }
}
