package dev.unbind.detect;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.engine.jcstress.JcstressEngine;
import dev.unbind.engine.stress.StressEngine;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.ScenarioSubset;
import dev.unbind.subject.Subjects;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code unbind bench detect}: the time to the first detection of the same race by the three ways
 * this project has of finding it, measured in one run, each repeated and its median taken:
 * <ul>
 *   <li><b>stress</b>: the stress engine on the defect's variant and scenario only, from its first run
 *       to the first finding of that defect (a new seed each repeat);</li>
 *   <li><b>JCStress</b>: the plain JCStress test of that race, as the JCStress engine runs it (one
 *       invocation of the jar at the engine's settings, its start-up included: what a developer waits
 *       for), invocations repeated until one observes the defect's outcome;</li>
 *   <li><b>explorer</b>: the deterministic explorer on that scenario, without fault plans, from its
 *       first schedule to the finding.</li>
 * </ul>
 * A repeat that does not detect within the timeout counts as not detected (no figure), never as
 * the timeout.
 */
public final class DetectionBench {
    /** The engines compared, in the order of the table. */
    public static final List<String> ENGINES = List.of(StressEngine.ENGINE, JcstressEngine.ENGINE, Explorer.ENGINE);

    /**
     * @param repeats         per engine and race
     * @param timeout         per repeat of stress and of the explorer
     * @param jcstressTimeout per repeat of JCStress (an invocation alone takes ten seconds or more)
     * @param work            where JCStress works
     */
    public record Options(int repeats, Duration timeout, Duration jcstressTimeout, Path work, long seed) {
    }

    /** One race's times, per engine, per repeat (NaN: not detected). */
    public record Result(String defect, String variant, String scenario, String jcstressTest, List<List<Double>> seconds) {
        public double median(int engine) {
            double[] found = seconds.get(engine).stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
            if (found.length * 2 <= seconds.get(engine).size()) {
                return Double.NaN; // detected in half the repeats or fewer: no median time to speak of
            }
            int n = seconds.get(engine).size();
            // the not-detected repeats count as slower than any detection
            double[] all = new double[n];
            Arrays.fill(all, Double.POSITIVE_INFINITY);
            System.arraycopy(found, 0, all, 0, found.length);
            return n % 2 == 1 ? all[n / 2] : (all[n / 2 - 1] + all[n / 2]) / 2;
        }

        public long detected(int engine) {
            return seconds.get(engine).stream().filter(Double::isFinite).count();
        }
    }

    private final Options options;
    private final Catalogue catalogue;
    private final PrintStream console;

    public DetectionBench(Options options, Catalogue catalogue, PrintStream console) {
        this.options = options;
        this.catalogue = catalogue;
        this.console = console;
    }

    public List<Result> run(List<Race> races) {
        List<Result> out = new ArrayList<>();
        for (Race race : races) {
            List<List<Double>> seconds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int r = 0; r < options.repeats(); r++) {
                seconds.get(0).add(stress(race, options.seed() + r));
                seconds.get(1).add(jcstress(race, r));
                seconds.get(2).add(explore(race));
                console.printf("  %-58s repeat %d: stress %s, jcstress %s, explorer %s%n", race.defect().id(), r + 1,
                        s(seconds.get(0).get(r)), s(seconds.get(1).get(r)), s(seconds.get(2).get(r)));
            }
            out.add(new Result(race.defect().id(), race.variant(), race.scenario(), race.test().name(), seconds));
        }
        return out;
    }

    private double stress(Race race, long seed) {
        First first = new First(race);
        StressEngine.Options o = StressEngine.Options.of(options.timeout(), seed);
        new StressEngine(o, catalogue, first).run(List.of(scenarioOnly(race)), first::matches);
        return first.seconds;
    }

    private double jcstress(Race race, int repeat) {
        long start = System.nanoTime();
        long end = start + options.jcstressTimeout().toNanos();
        for (int i = 0; System.nanoTime() < end; i++) {
            First first = new First(race);
            Duration left = Duration.ofNanos(end - System.nanoTime());
            long t0 = System.nanoTime();
            JcstressEngine.Options o = JcstressEngine.Options.of(options.work().resolve("jcstress-" + repeat + "-" + i), left)
                    .only(Set.of(race.test().key()));
            JcstressEngine.Summary s = new JcstressEngine(o, catalogue, first).run(List.of(race.selected()));
            if (Double.isFinite(first.seconds)) {
                return (t0 - start) / 1e9 + first.seconds;
            }
            if (s.ran() == 0) {
                return Double.NaN; // it could not even run within what was left
            }
        }
        return Double.NaN;
    }

    private double explore(Race race) {
        First first = new First(race);
        ExploreOptions o = new ExploreOptions(3, 2, 20_000, false, System.nanoTime() + options.timeout().toNanos());
        Subjects.Selected s = scenarioOnly(race);
        new Explorer(o, catalogue, first).explore(s.family(), s.variant(), options.seed());
        return first.seconds;
    }

    private static Subjects.Selected scenarioOnly(Race race) {
        return new Subjects.Selected(ScenarioSubset.of(race.family(), Set.of(race.scenario())),
                race.family().variant(race.variant()));
    }

    /** Keeps the time of the first finding of the race's defect; keeps nothing else. */
    private static final class First implements ResultSink {
        private final Race race;
        volatile double seconds = Double.NaN;

        First(Race race) {
            this.race = race;
        }

        boolean matches(FindingRecord f) {
            return race.defect().id().equals(f.defect());
        }

        @Override
        public synchronized FindingRecord finding(FindingRecord f, FindingFile file) {
            if (matches(f) && !(f.secondsToDetect() >= seconds)) {
                seconds = f.secondsToDetect();
            }
            return f;
        }

        @Override
        public void run(RunRecord r) {
        }

        @Override
        public void progress(String line) {
        }
    }

    private static String s(double v) {
        return Double.isFinite(v) ? String.format("%.3f s", v) : "not detected";
    }
}
