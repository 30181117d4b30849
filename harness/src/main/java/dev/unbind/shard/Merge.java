package dev.unbind.shard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.Journal;
import dev.unbind.result.Meta;
import dev.unbind.result.Results;
import dev.unbind.result.RunRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code merge}: the shards of one night into one results directory, as if one process had run the
 * whole matrix. A pure function of the shard directories given, in whatever order: the shards are
 * taken by index, records in a fixed order, so merging twice, or in another order, writes the same.
 *
 * <ul>
 *   <li>Every shard of the plan must have reported, finished and kept to its budget, with the same
 *       plan and the same catalogue; anything else is a named problem, and the cells that did not run
 *       are listed ({@link MergeRecord}).</li>
 *   <li>Run records are kept as they are; findings are deduplicated: one per engine, variant and
 *       catalogued defect (or signature, outside the catalogue), the earliest detection.</li>
 *   <li>Finding files and the texts beside them are copied, renamed only when two shards used the
 *       same name, and the records point at the copies, so {@code repro} replays them from the merged
 *       directory. JCStress's own logs and reports go to {@code jcstress/shard-I/}.</li>
 * </ul>
 * The verdicts are then the {@code Assessment} of the merged journal, as for any night.
 */
public final class Merge {
    private Merge() {
    }

    /** A shard directory as read. */
    private record Input(Path dir, ShardRecord record, Results results) {
    }

    /** Merges {@code dirs} into {@code out} (a fresh results directory); returns what it found. */
    public static MergeRecord run(List<Path> dirs, Path out) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Input> inputs = new ArrayList<>();
        for (Path d : dirs.stream().map(Path::normalize).distinct().sorted(Comparator.comparing(Path::toString)).toList()) {
            if (!Files.isDirectory(d)) {
                problems.add("shard directory " + d + " does not exist");
                continue;
            }
            try {
                inputs.add(new Input(d, ShardRecord.read(d), Journal.read(d)));
            } catch (IOException e) {
                problems.add("shard directory " + d + " cannot be merged: " + e.getMessage());
            }
        }
        if (inputs.isEmpty()) {
            throw new IOException("nothing to merge: " + String.join("; ", problems));
        }
        inputs.sort(Comparator.comparingInt((Input i) -> i.record().index()).thenComparing(i -> i.record().startedAt())
                .thenComparing(i -> i.dir().toString()));
        ShardPlan plan = inputs.get(0).record().plan();
        Map<Integer, Input> byIndex = pick(inputs, plan, problems);
        Catalogue catalogue = inputs.get(0).results().catalogue();
        JsonNode reference = Journal.json().valueToTree(catalogue);
        for (Input i : byIndex.values()) {
            if (!Journal.json().valueToTree(i.results().catalogue()).equals(reference)) {
                problems.add("shard " + i.record().label() + " (" + i.dir() + ") was built with another catalogue of "
                        + "families: build every shard from the same commit");
            }
        }

        List<RunRecord> runs = new ArrayList<>();
        List<Ordered<FindingRecord>> findings = new ArrayList<>();
        List<Meta> metas = new ArrayList<>();
        for (Input i : byIndex.values()) {
            metas.addAll(i.results().metas());
            int n = 0;
            for (RunRecord r : i.results().runs()) {
                runs.add(r);
            }
            for (FindingRecord f : i.results().findings()) {
                findings.add(new Ordered<>(f, i, n++));
            }
        }
        runs.sort(Comparator.comparingInt(r -> engineOrder(r.engine()))); // stable: shard order within an engine

        List<MergeRecord.ShardLine> lines = new ArrayList<>();
        List<String> missingCells = new ArrayList<>();
        for (int index = 1; index <= plan.count(); index++) {
            List<Cell> cells = plan.cellsOf(index);
            Input i = byIndex.get(index);
            List<Cell> notRun = cells.stream().filter(c -> runs.stream()
                    .noneMatch(r -> c.covers(r.engine(), r.family(), r.variant(), r.scenario()))).toList();
            notRun.forEach(c -> missingCells.add(c.id()));
            lines.add(line(index, plan, i, cells.size(), cells.size() - notRun.size(), problems, warnings, notRun));
        }

        clean(out);
        MergedFiles files = new MergedFiles(out);
        try (Journal j = Journal.open(out)) {
            metas.forEach(j::meta);
            j.catalogue(catalogue);
            runs.forEach(j::run);
            for (Ordered<FindingRecord> f : deduplicated(findings)) {
                j.finding(files.finding(f.value(), f.from().dir(), f.from().record().index(), warnings));
            }
        }
        for (Input i : byIndex.values()) {
            files.attachments(i.dir(), i.record().index(), warnings);
        }
        MergeRecord m = new MergeRecord(MergeRecord.FORMAT, plan.count(), plan.seed(), plan.fingerprint(), lines,
                missingCells, problems, warnings);
        m.write(out);
        return m;
    }

    /**
     * One finding per engine, variant and catalogued defect (or signature): the earliest detection,
     * in engine order, then shard order.
     */
    private static List<Ordered<FindingRecord>> deduplicated(List<Ordered<FindingRecord>> all) {
        Comparator<Ordered<FindingRecord>> earliest = Comparator
                .comparingDouble((Ordered<FindingRecord> o) -> o.value().secondsToDetect())
                .thenComparing(o -> o.value().scenario())
                .thenComparingInt(o -> o.from().record().index())
                .thenComparingInt(Ordered::n);
        Map<String, Ordered<FindingRecord>> kept = new LinkedHashMap<>();
        for (Ordered<FindingRecord> o : all) {
            FindingRecord f = o.value();
            String key = f.engine() + "|" + f.variant() + "|" + (f.defect() != null ? f.defect() : f.finding().signature());
            kept.merge(key, o, (a, b) -> earliest.compare(a, b) <= 0 ? a : b);
        }
        List<Ordered<FindingRecord>> out = new ArrayList<>(kept.values());
        out.sort(Comparator.comparingInt((Ordered<FindingRecord> o) -> engineOrder(o.value().engine()))
                .thenComparingInt(o -> o.from().record().index()).thenComparingInt(Ordered::n));
        return out;
    }

    /** Empties what a merge writes in {@code out}; refuses a shard's own directory. */
    private static void clean(Path out) throws IOException {
        if (Files.isRegularFile(out.resolve(ShardRecord.FILE))) {
            throw new IOException(out + " holds a shard's results; merge into another directory");
        }
        Files.createDirectories(out);
        for (String name : List.of(Journal.FILE, MergeRecord.FILE)) {
            Files.deleteIfExists(out.resolve(name));
        }
        for (String name : List.of("findings", "jcstress")) {
            MergedFiles.deleteTree(out.resolve(name));
        }
    }

    /** A record with where it came from, for a fixed order. */
    private record Ordered<T>(T value, Input from, int n) {
    }

    private static int engineOrder(String engine) {
        int i = Matrix.ENGINES.indexOf(engine);
        return i < 0 ? Matrix.ENGINES.size() : i;
    }

    /** One input per shard index; the others are named problems. */
    private static Map<Integer, Input> pick(List<Input> inputs, ShardPlan plan, List<String> problems) {
        Map<Integer, Input> byIndex = new TreeMap<>();
        for (Input i : inputs) {
            ShardRecord r = i.record();
            if (r.plan().count() != plan.count() || !r.plan().fingerprint().equals(plan.fingerprint())) {
                problems.add("shard " + r.label() + " (" + i.dir() + ") was planned differently (plan "
                        + r.plan().fingerprint() + ", not " + plan.fingerprint() + "): every shard needs the same "
                        + "--shard count, --seed, --engines, --subjects, costs and build; it is left out");
                continue;
            }
            Input first = byIndex.putIfAbsent(r.index(), i);
            if (first != null && !(first.record().startedAt().equals(r.startedAt()) && first.record().host().equals(r.host()))) {
                problems.add("shard " + r.label() + " reported twice (" + first.dir() + ", " + i.dir() + "): "
                        + first.dir() + " is used");
            }
        }
        return byIndex;
    }

    private static MergeRecord.ShardLine line(int index, ShardPlan plan, Input i, int cells, int ran,
                                              List<String> problems, List<String> warnings, List<Cell> notRun) {
        String label = index + "/" + plan.count();
        if (i == null) {
            problems.add("shard " + label + " did not report: its " + cells + " cell(s) did not run ("
                    + summary(notRun) + ")");
            return new MergeRecord.ShardLine(index, "", "", MergeRecord.MISSING, 0, plan.plannedSeconds(index), 0, cells, ran);
        }
        ShardRecord r = i.record();
        String status = MergeRecord.OK;
        if (!r.status().equals(ShardRecord.FINISHED)) {
            status = MergeRecord.UNFINISHED;
            problems.add("shard " + label + " (" + i.dir() + ") did not finish: " + notRun.size() + " of its " + cells
                    + " cell(s) did not run" + (notRun.isEmpty() ? "" : " (" + summary(notRun) + ")"));
        } else if (r.overTime()) {
            status = MergeRecord.OVER_TIME;
            problems.add(String.format("shard %s (%s) took %.0f s, over its %.0f s budget", label, i.dir(), r.seconds(),
                    r.budgetSeconds()));
        } else if (!notRun.isEmpty()) {
            warnings.add("shard " + label + " ran out of budget before " + notRun.size() + " of its " + cells
                    + " cell(s): " + summary(notRun));
        }
        return new MergeRecord.ShardLine(index, i.dir().toString(), r.host(), status, r.budgetSeconds(),
                r.plannedSeconds(), r.seconds(), cells, ran);
    }

    /** The first few cell ids, and how many more. */
    private static String summary(List<Cell> cells) {
        List<String> ids = cells.stream().limit(5).map(Cell::id).toList();
        return String.join(", ", ids) + (cells.size() > ids.size() ? " and " + (cells.size() - ids.size()) + " more" : "");
    }
}
