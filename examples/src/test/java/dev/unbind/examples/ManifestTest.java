package dev.unbind.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unbind.cli.Main;
import dev.unbind.shard.ShardSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three CI examples say what they must: N shards, each running `./unbind nightly` on its own part
 * (1..N, each exactly once) through the option or environment that engine gives, writing where the
 * merge step reads; and a merge step over exactly those N directories. Every command line parses as
 * an unbind command line.
 */
class ManifestTest {
    private static final int N = 4;

    /** Parses a command line with unbind's own parser (its --help stops before anything runs). */
    private static void parses(List<String> args) {
        List<String> line = new ArrayList<>(args);
        line.add("--help");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(line.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, args + ": " + err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void kubernetes_anIndexedJobOfNPods_andAMergeOverTheirDirectories() throws IOException {
        List<JsonNode> docs = Manifests.documents("kubernetes/nightly.yaml");
        JsonNode shards = docs.stream().filter(d -> d.path("kind").asText().equals("Job")
                && d.path("spec").has("completionMode")).findFirst().orElseThrow();
        JsonNode spec = shards.path("spec");
        assertEquals("Indexed", spec.path("completionMode").asText());
        assertEquals(N, spec.path("completions").asInt());
        assertEquals(N, spec.path("parallelism").asInt(), "one pod per shard, all at once");
        JsonNode pod = spec.path("template").path("spec");
        JsonNode shard = pod.path("containers").get(0);
        List<String> command = Manifests.strings(shard.path("command"));
        assertEquals(List.of("./unbind"), command, "the launcher, as everywhere");
        List<String> args = Manifests.strings(shard.path("args"));
        assertEquals("nightly", args.get(0));
        assertEquals(String.valueOf(N), Manifests.option(args, "--shard-count"), "the part comes from the index");
        String out = Manifests.option(args, "--out");
        assertTrue(out.contains("$(" + ShardSpec.K8S_INDEX + ")"), out);
        parses(args);
        Set<String> parts = new TreeSet<>();
        List<String> dirs = new ArrayList<>();
        for (int index = 0; index < N; index++) {
            parts.add(ShardSpec.resolve(Manifests.option(args, "--shard"), N,
                    Map.of(ShardSpec.K8S_INDEX, String.valueOf(index))).label());
            dirs.add(out.replace("$(" + ShardSpec.K8S_INDEX + ")", String.valueOf(index)));
        }
        assertEquals(Set.of("1/4", "2/4", "3/4", "4/4"), parts);

        JsonNode merge = docs.stream().filter(d -> d.path("kind").asText().equals("Job") && d != shards).findFirst().orElseThrow();
        JsonNode mergeContainer = merge.path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals(List.of("./unbind"), Manifests.strings(mergeContainer.path("command")));
        List<String> mergeArgs = Manifests.strings(mergeContainer.path("args"));
        assertEquals("merge", mergeArgs.get(0));
        assertEquals(dirs, Manifests.positional(mergeArgs), "the merge lists every shard's directory");
        parses(mergeArgs);
        String claim = pod.path("volumes").get(0).path("persistentVolumeClaim").path("claimName").asText();
        assertEquals(claim, merge.path("spec").path("template").path("spec").path("volumes").get(0)
                .path("persistentVolumeClaim").path("claimName").asText(), "shards and merge share the volume");
        assertTrue(docs.stream().anyMatch(d -> d.path("kind").asText().equals("PersistentVolumeClaim")
                && d.path("metadata").path("name").asText().equals(claim)
                && Manifests.strings(d.path("spec").path("accessModes")).contains("ReadWriteMany")));
        String mount = shard.path("volumeMounts").get(0).path("mountPath").asText();
        assertTrue(out.startsWith(mount + "/"), "results go to the shared volume: " + out);
    }

    @Test
    void githubActions_aShardMatrix_artifactsUp_andAMergeJobThatDownloadsThem() throws IOException {
        JsonNode wf = Manifests.document("github-actions/unbind-nightly.yml");
        JsonNode shardJob = wf.path("jobs").path("shard");
        List<String> matrix = Manifests.strings(shardJob.path("strategy").path("matrix").path("shard"));
        assertEquals(List.of("1", "2", "3", "4"), matrix);
        assertEquals("false", shardJob.path("strategy").path("fail-fast").asText(), "one shard failing keeps the others");
        String line = runOf(shardJob, "./unbind nightly");
        String upload = artifact(shardJob, "actions/upload-artifact");
        List<String> dirs = new ArrayList<>();
        Set<String> parts = new TreeSet<>();
        for (String m : matrix) {
            List<String> a = launcherArgs(line.replace("${{ matrix.shard }}", m));
            parses(a);
            parts.add(ShardSpec.parse(Manifests.option(a, "--shard")).label());
            JsonNode up = step(shardJob, "actions/upload-artifact").path("with");
            assertEquals(Manifests.option(a, "--out"), up.path("path").asText().replace("${{ matrix.shard }}", m),
                    "the artifact is the shard's results directory");
            dirs.add("shards/" + upload.replace("${{ matrix.shard }}", m));
        }
        assertEquals(Set.of("1/4", "2/4", "3/4", "4/4"), parts);
        assertEquals("always()", step(shardJob, "actions/upload-artifact").path("if").asText(), "a failed shard still uploads");

        JsonNode mergeJob = wf.path("jobs").path("merge");
        assertEquals("shard", mergeJob.path("needs").asText());
        assertEquals("always()", mergeJob.path("if").asText(), "the merge runs when a shard failed, to name it");
        JsonNode down = step(mergeJob, "actions/download-artifact").path("with");
        assertEquals("shards", down.path("path").asText());
        assertEquals("shard-*", down.path("pattern").asText());
        List<String> merge = launcherArgs(runOf(mergeJob, "./unbind merge"));
        parses(merge);
        assertEquals(dirs, Manifests.positional(merge));
    }

    @Test
    void gitlab_parallelN_andAMergeThatNeedsEveryShard() throws IOException {
        JsonNode ci = Manifests.document("gitlab/unbind-nightly.gitlab-ci.yml");
        JsonNode shardJob = ci.path("unbind-nightly");
        assertEquals(N, shardJob.path("parallel").asInt());
        List<String> args = scriptOf(shardJob, "./unbind nightly");
        List<String> dirs = new ArrayList<>();
        Set<String> parts = new TreeSet<>();
        for (int node = 1; node <= N; node++) {
            String i = String.valueOf(node);
            List<String> a = args.stream().map(w -> w.replace("$CI_NODE_INDEX", i).replace("$CI_NODE_TOTAL", String.valueOf(N))).toList();
            parses(a);
            parts.add(ShardSpec.parse(Manifests.option(a, "--shard")).label());
            String artifact = shardJob.path("artifacts").path("paths").get(0).asText().replace("$CI_NODE_INDEX", i);
            assertEquals(Manifests.option(a, "--out") + "/", artifact, "the artifact is the shard's results directory");
            dirs.add(Manifests.option(a, "--out"));
        }
        assertEquals(Set.of("1/4", "2/4", "3/4", "4/4"), parts);
        assertEquals("always", shardJob.path("artifacts").path("when").asText());

        JsonNode mergeJob = ci.path("unbind-merge");
        assertEquals(List.of("unbind-nightly"), Manifests.strings(mergeJob.path("needs")));
        assertEquals("always", mergeJob.path("rules").get(0).path("when").asText(), "the merge runs when a shard failed");
        List<String> merge = scriptOf(mergeJob, "./unbind merge");
        parses(merge);
        assertEquals(dirs, Manifests.positional(merge));
    }

    private static JsonNode step(JsonNode job, String uses) {
        for (JsonNode s : job.path("steps")) {
            if (s.path("uses").asText().startsWith(uses + "@")) {
                return s;
            }
        }
        throw new AssertionError("no step uses " + uses);
    }

    private static String artifact(JsonNode job, String uses) {
        String name = step(job, uses).path("with").path("name").asText();
        assertNotNull(name);
        return name;
    }

    /** The run line of the step that starts with {@code prefix}. */
    private static String runOf(JsonNode job, String prefix) {
        for (JsonNode s : job.path("steps")) {
            String run = s.path("run").asText();
            if (run.startsWith(prefix)) {
                return run;
            }
        }
        throw new AssertionError("no step runs " + prefix);
    }

    private static List<String> scriptOf(JsonNode job, String prefix) {
        for (JsonNode line : job.path("script")) {
            if (line.asText().startsWith(prefix)) {
                return launcherArgs(line.asText());
            }
        }
        throw new AssertionError("no script line runs " + prefix);
    }

    private static List<String> launcherArgs(String line) {
        List<String> w = Manifests.words(line);
        assertEquals("./unbind", w.get(0), "the launcher, as everywhere: " + line);
        return w.subList(1, w.size());
    }
}
