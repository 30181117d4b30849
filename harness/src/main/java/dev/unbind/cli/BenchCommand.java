package dev.unbind.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unbind.detect.DetectionBench;
import dev.unbind.detect.Race;
import dev.unbind.engine.jcstress.JcstressCase;
import dev.unbind.engine.jcstress.JcstressEngine;
import dev.unbind.result.Catalogue;
import dev.unbind.result.Journal;
import dev.unbind.subject.Subjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code unbind bench detect}: time to first detection of one race per family by stress, by the
 * plain JCStress test of that race and by the explorer, as ratios measured in one run
 * ({@link DetectionBench}). (The JMH benchmarks are {@code ./unbind bench [JMH-ARGS]}, which the
 * launcher runs itself.)
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks run by the harness itself "
        + "(the JMH ones: ./unbind bench [JMH-ARGS]).", subcommands = BenchCommand.Detect.class)
final class BenchCommand implements Runnable {
    private final Main main;

    BenchCommand(Main main) {
        this.main = main;
    }

    @Override
    public void run() {
        main.out().println("usage: unbind bench detect [--repeats N] [--timeout 30s] [--defects ID,...]");
    }

    @Command(name = "detect", mixinStandardHelpOptions = true, description = "Time to first detection of the same "
            + "race by stress, its plain JCStress test and the explorer: medians of the repeats, and their ratios.")
    static final class Detect implements Callable<Integer> {
        @Option(names = "--repeats", description = "Repeats per engine and race (default: ${DEFAULT-VALUE}).", defaultValue = "5")
        int repeats;

        @Option(names = "--timeout", description = "Time one repeat may take (default: ${DEFAULT-VALUE}).",
                defaultValue = "30s", converter = DurationConverter.class)
        Duration timeout;

        @Option(names = "--jcstress-timeout", description = "Time one JCStress repeat may take, its start-up included "
                + "(default: ${DEFAULT-VALUE}).", defaultValue = "120s", converter = DurationConverter.class)
        Duration jcstressTimeout;

        @Option(names = "--defects", split = ",", description = "Catalogued defects to time (default: the first one "
                + "of every family that needs no fault and has a JCStress test of its scenario).")
        List<String> defects = List.of();

        @Option(names = "--out", description = "Where JCStress works and bench-detect.json goes (default: ${DEFAULT-VALUE}).",
                defaultValue = "out/bench-detect")
        Path out;

        @Option(names = "--seed", description = "Stress's seed of the first repeat (default: ${DEFAULT-VALUE}).", defaultValue = "1")
        long seed;

        @picocli.CommandLine.ParentCommand
        BenchCommand parent;

        @Override
        public Integer call() throws IOException {
            if (repeats < 1) {
                throw new BadInput("--repeats must be 1 or more");
            }
            Main main = parent.main;
            Subjects all = main.subjects();
            Path jar = JcstressEngine.locateJar();
            if (jar == null || !Files.isRegularFile(jar)) {
                throw new BadInput("no JCStress jar" + (jar == null ? "" : " at " + jar) + " (./unbind builds it)");
            }
            List<JcstressCase> tests = JcstressEngine.plan(jar, main.select(List.of("*"))).all();
            List<Race> races = Race.pick(all, tests, defects);
            Workspace.checkWritable(out);
            main.out().printf("bench detect: %d race(s), %d repeat(s) each, timeouts %d s per repeat (JCStress %d s)%n",
                    races.size(), repeats, timeout.toSeconds(), jcstressTimeout.toSeconds());
            List<DetectionBench.Result> results = new DetectionBench(new DetectionBench.Options(repeats, timeout, jcstressTimeout, out, seed),
                    Catalogue.of(all), main.out()).run(races);
            print(results, main);
            Journal.json().writer(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("bench-detect.json").toFile(), results);
            return 0;
        }

        private void print(List<DetectionBench.Result> results, Main main) {
            main.out().println();
            main.out().printf("%-58s %10s %10s %10s   %14s %14s %14s%n", "race (median of " + repeats + ", detected/repeats)",
                    "stress s", "JCStress s", "explorer s", "JCStress/stress", "JCStress/expl.", "stress/expl.");
            for (DetectionBench.Result r : results) {
                double st = r.median(0);
                double jc = r.median(1);
                double ex = r.median(2);
                main.out().printf("%-58s %10s %10s %10s   %14s %14s %14s%n", r.defect(),
                        time(st, r.detected(0)), time(jc, r.detected(1)), time(ex, r.detected(2)),
                        ratio(jc, st), ratio(jc, ex), ratio(st, ex));
            }
        }

        private String time(double s, long detected) {
            return (Double.isFinite(s) ? String.format(Locale.ROOT, "%.3f", s) : "-") + " " + detected + "/" + repeats;
        }

        /** {@code x2535}, {@code x2.3}, {@code x0.047}: two significant digits at least. */
        static String ratio(double a, double b) {
            if (!(Double.isFinite(a) && Double.isFinite(b) && b > 0)) {
                return "-";
            }
            double r = a / b;
            return String.format(Locale.ROOT, r >= 100 ? "x%.0f" : r >= 1 ? "x%.1f" : "x%.2g", r);
        }
    }
}
