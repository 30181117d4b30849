package dev.unbind.result;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A replayable finding: the subject, scenario, faults and seed, the schedule as the sequence of
 * actors the controlled scheduler resumed (each with the step it resumed from), and what is
 * expected to happen. {@code unbind repro <file>} replays it.
 *
 * @param schedule empty when the engine that found it has no schedule (stress); repro then
 *                 searches for it with the explorer
 */
public record FindingFile(String format, String variant, String scenario, String faults, long seed, String engine,
                          String defect, String kind, String signature, String summary,
                          List<ScheduledStep> schedule, String report) {
    public static final String FORMAT = "unbind-finding/1";

    /** One decision: the actor resumed and the step it resumed from. */
    public record ScheduledStep(String actor, String step) {
    }

    public List<String> actors() {
        return schedule.stream().map(ScheduledStep::actor).toList();
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Journal.json().writer(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    /** Reads a finding file; IOException with a plain message when it is not one. */
    public static FindingFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such finding file: " + file);
        }
        FindingFile f;
        try {
            f = Journal.json().readValue(file.toFile(), FindingFile.class);
        } catch (IOException e) {
            throw new IOException(file + " is not a finding file: " + JsonWords.of(e));
        }
        if (!FORMAT.equals(f.format())) {
            throw new IOException(file + " is not a finding file (format " + f.format() + ")");
        }
        return f;
    }
}
