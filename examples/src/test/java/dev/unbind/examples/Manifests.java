package dev.unbind.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The example manifests, read as YAML, and the command lines in them. */
final class Manifests {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    /** The examples directory (the tests run with the module as working directory). */
    static Path dir() {
        return Path.of("").toAbsolutePath();
    }

    /** Every document of a (multi-document) YAML file. */
    static List<JsonNode> documents(String file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(Files.readString(dir().resolve(file)))) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }

    static JsonNode document(String file) throws IOException {
        return documents(file).get(0);
    }

    /** A shell line split into words, with double- and single-quoted words kept whole. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.strip().toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }

    /** The strings of a YAML sequence. */
    static List<String> strings(JsonNode seq) {
        List<String> out = new ArrayList<>();
        seq.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** What follows {@code option} in {@code args}, or null. */
    static String option(List<String> args, String option) {
        int i = args.indexOf(option);
        return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
    }

    /** The positional arguments after the command word (options and their values skipped). */
    static List<String> positional(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).startsWith("--")) {
                i++;
            } else {
                out.add(args.get(i));
            }
        }
        return out;
    }

    /** {@code args} with the value of each {@code --option} in {@code values} (pairs) replaced or added. */
    static List<String> with(List<String> args, String... values) {
        List<String> out = new ArrayList<>(args);
        for (int k = 0; k < values.length; k += 2) {
            int i = out.indexOf(values[k]);
            if (i < 0) {
                out.add(values[k]);
                out.add(values[k + 1]);
            } else {
                out.set(i + 1, values[k + 1]);
            }
        }
        return out;
    }
}
