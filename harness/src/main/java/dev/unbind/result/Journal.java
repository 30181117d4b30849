package dev.unbind.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The results journal: JSON lines appended and flushed one by one as they are found, so a run
 * that is killed keeps everything it had found. Line types: {@code meta}, {@code catalogue},
 * {@code run}, {@code finding}.
 */
public final class Journal implements AutoCloseable {
    public static final String FILE = "journal.jsonl";
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final Path file;
    private final BufferedWriter out;
    private boolean closed;

    private Journal(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Opens (appending) the journal in {@code dir}, creating the directory. */
    public static Journal open(Path dir) {
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve(FILE);
            return new Journal(f, Files.newBufferedWriter(f, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal in " + dir, e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized void meta(Meta m) {
        write("meta", m);
    }

    public synchronized void catalogue(Catalogue c) {
        write("catalogue", c);
    }

    public synchronized void run(RunRecord r) {
        write("run", r);
    }

    public synchronized void finding(FindingRecord f) {
        write("finding", f);
    }

    private void write(String type, Object record) {
        if (closed) {
            return; // a phase left behind at the night's end: its late lines change nothing that was judged
        }
        try {
            ObjectNode node = JSON.valueToTree(record);
            ObjectNode line = JSON.createObjectNode().put("type", type);
            line.setAll(node);
            out.write(JSON.writeValueAsString(line));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything in the journal of {@code dir}; a torn last line (a killed run) is skipped. */
    public static Results read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException("no " + FILE + " in " + dir);
        }
        List<Meta> metas = new ArrayList<>();
        Catalogue catalogue = null;
        List<RunRecord> runs = new ArrayList<>();
        List<FindingRecord> findings = new ArrayList<>();
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException bad) {
                if (i == lines.size() - 1) {
                    continue; // a torn last line: the run was killed while writing it
                }
                throw new IOException(f + " line " + (i + 1) + " is not a journal line: " + JsonWords.of(bad));
            }
            if (!(n instanceof ObjectNode)) {
                throw new IOException(f + " line " + (i + 1) + " is not a journal line: a JSON object was expected");
            }
            String type = n.path("type").asText();
            ((ObjectNode) n).remove("type");
            try {
                switch (type) {
                    case "meta" -> {
                        Meta m = JSON.treeToValue(n, Meta.class);
                        metas.removeIf(x -> x.startedAt().equals(m.startedAt())); // the finished line replaces the start line
                        metas.add(m);
                    }
                    case "catalogue" -> catalogue = JSON.treeToValue(n, Catalogue.class);
                    case "run" -> runs.add(JSON.treeToValue(n, RunRecord.class));
                    case "finding" -> findings.add(JSON.treeToValue(n, FindingRecord.class));
                    default -> { }
                }
            } catch (IOException bad) {
                throw new IOException(f + " line " + (i + 1) + " (a " + type + " line) " + JsonWords.of(bad));
            }
        }
        if (catalogue == null) {
            throw new IOException(f + " has no catalogue line");
        }
        return new Results(metas, catalogue, runs, findings);
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
