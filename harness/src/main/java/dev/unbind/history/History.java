package dev.unbind.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unbind.result.Journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code history.jsonl} in a history directory: JSON lines, a {@code night} line, then a
 * {@code finding} line per bug and a {@code verdict} line per variant of that night, nights in the
 * order they started. Recording a night that is already there (the same merge again) replaces it.
 */
public final class History {
    public static final String FILE = "history.jsonl";
    private static final ObjectMapper JSON = Journal.json();

    private History() {
    }

    /** The nights kept in {@code dir}, oldest first; none when there is no history yet. */
    public static List<Night> read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        Map<String, Night> nights = new LinkedHashMap<>();
        Map<String, List<Night.Finding>> findings = new LinkedHashMap<>();
        Map<String, List<Night.Verdict>> verdicts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode n;
            try {
                n = (ObjectNode) JSON.readTree(line);
            } catch (IOException | ClassCastException torn) {
                continue; // a line cut short by a killed writer
            }
            String type = n.path("type").asText();
            String night = n.path("night").asText();
            n.remove("type");
            n.remove("night");
            switch (type) {
                case "night" -> nights.put(night, new Night(night, n.path("command").asText(), n.path("seed").asLong(),
                        n.path("ok").asBoolean(), List.of(), List.of()));
                case "finding" -> findings.computeIfAbsent(night, k -> new ArrayList<>()).add(JSON.treeToValue(n, Night.Finding.class));
                case "verdict" -> verdicts.computeIfAbsent(night, k -> new ArrayList<>()).add(JSON.treeToValue(n, Night.Verdict.class));
                default -> { }
            }
        }
        List<Night> out = new ArrayList<>();
        nights.forEach((id, n) -> out.add(new Night(id, n.command(), n.seed(), n.ok(),
                findings.getOrDefault(id, List.of()), verdicts.getOrDefault(id, List.of()))));
        out.sort(Comparator.comparing(Night::id));
        return out;
    }

    /** Adds (or replaces) {@code night} in {@code dir}'s history. */
    public static void record(Path dir, Night night) throws IOException {
        List<Night> all = new ArrayList<>(read(dir));
        all.removeIf(n -> n.id().equals(night.id()));
        all.add(night);
        all.sort(Comparator.comparing(Night::id));
        StringBuilder b = new StringBuilder();
        for (Night n : all) {
            ObjectNode head = JSON.createObjectNode().put("type", "night").put("night", n.id()).put("command", n.command())
                    .put("seed", n.seed()).put("ok", n.ok());
            b.append(JSON.writeValueAsString(head)).append('\n');
            for (Night.Finding f : n.findings()) {
                b.append(line("finding", n.id(), JSON.valueToTree(f))).append('\n');
            }
            for (Night.Verdict v : n.verdicts()) {
                b.append(line("verdict", n.id(), JSON.valueToTree(v))).append('\n');
            }
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String line(String type, String night, JsonNode body) throws IOException {
        ObjectNode n = JSON.createObjectNode().put("type", type).put("night", night);
        n.setAll((ObjectNode) body);
        return JSON.writeValueAsString(n);
    }
}
