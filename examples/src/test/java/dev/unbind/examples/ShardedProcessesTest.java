package dev.unbind.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unbind.cli.Main;
import dev.unbind.shard.ShardSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes example's own command lines, run as a Job would run them: four processes of
 * {@code dev.unbind.cli.Main} (what {@code ./unbind} starts), each told its part by
 * {@code JOB_COMPLETION_INDEX} alone, then the merge step as a fifth. Only the matrix is made tiny
 * (two uio variants, the explorer, which is deterministic) and the paths point at a temporary
 * directory. The merged report must give the verdicts of one process (this one) over the same matrix
 * and seed.
 */
class ShardedProcessesTest {
    private static final List<String> TINY = List.of("--subjects", "uio.late-release,uio.fenced", "--engines", "explorer",
            "--seed", "5", "--budget", "60s");
    private static final String INDEX = "$(" + ShardSpec.K8S_INDEX + ")";

    @TempDir
    Path dir;

    @Test
    void fourShardProcesses_mergeIntoOneProcesssVerdicts() throws Exception {
        List<JsonNode> docs = Manifests.documents("kubernetes/nightly.yaml");
        JsonNode job = docs.stream().filter(d -> d.path("spec").has("completionMode")).findFirst().orElseThrow();
        int n = job.path("spec").path("completions").asInt();
        JsonNode shard = job.path("spec").path("template").path("spec").path("containers").get(0);
        List<String> shardArgs = Manifests.with(Manifests.strings(shard.path("args")), "--out", dir + "/shard-" + INDEX,
                "--costs", dir + "/history");
        shardArgs = Manifests.with(shardArgs, TINY.toArray(String[]::new));

        List<Process> shards = new ArrayList<>();
        for (int index = 0; index < n; index++) {
            String i = String.valueOf(index);
            List<String> args = shardArgs.stream().map(a -> a.replace(INDEX, i)).toList(); // what Kubernetes expands
            shards.add(start(args, ShardSpec.K8S_INDEX, i, "shard-" + index));
        }
        for (int index = 0; index < n; index++) {
            assertEquals(0, await(shards.get(index)), "shard " + index + ": " + log("shard-" + index));
        }

        JsonNode merge = docs.stream().filter(d -> d.path("kind").asText().equals("Job") && d != job).findFirst().orElseThrow();
        List<String> mergeArgs = Manifests.strings(merge.path("spec").path("template").path("spec").path("containers").get(0)
                .path("args"));
        List<String> rewritten = new ArrayList<>();
        for (String a : mergeArgs) {
            rewritten.add(a.matches(".*/shard-\\d+") ? dir + "/" + a.substring(a.lastIndexOf('/') + 1) : a);
        }
        rewritten = Manifests.with(rewritten, "--out", dir + "/merged", "--history", dir + "/history");
        assertEquals(0, await(start(rewritten, null, null, "merge")), log("merge"));

        List<String> single = new ArrayList<>(List.of("nightly", "--out", dir + "/single"));
        single.addAll(TINY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(single.toArray(String[]::new), console, console), out.toString(StandardCharsets.UTF_8));

        TreeMap<String, String> merged = verdicts(dir.resolve("merged"));
        assertTrue(merged.containsKey("uio.late-release met") && merged.containsKey("uio.fenced met"), merged.toString());
        assertEquals(verdicts(dir.resolve("single")), merged);
        assertTrue(Files.isRegularFile(dir.resolve("history").resolve("history.jsonl")), "the merge kept the night");
    }

    private Process start(List<String> args, String envName, String envValue, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.unbind.cli.Main"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().remove(ShardSpec.K8S_INDEX);
        pb.environment().remove(ShardSpec.GITLAB_INDEX);
        pb.environment().remove(ShardSpec.COUNT_ENV);
        if (envName != null) {
            pb.environment().put(envName, envValue);
        }
        return pb.start();
    }

    private static int await(Process p) throws InterruptedException {
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private String log(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".log"));
    }

    /** From report.json: per variant whether it met its expectation, each property's verdict, each defect's status. */
    private static TreeMap<String, String> verdicts(Path results) throws IOException {
        JsonNode summary = new ObjectMapper().readTree(results.resolve("report.json").toFile()).path("summary");
        TreeMap<String, String> out = new TreeMap<>();
        out.put("ok", summary.path("ok").asText());
        for (JsonNode f : summary.path("families")) {
            for (JsonNode v : f.path("variants")) {
                String id = v.path("id").asText();
                out.put(id + " met", v.path("met").asText());
                v.path("properties").fields().forEachRemaining(p -> out.put(id + " " + p.getKey(), p.getValue().asText()));
                for (JsonNode d : v.path("defects")) {
                    out.put(d.path("id").asText(), d.path("status").asText());
                }
            }
        }
        return out;
    }
}
