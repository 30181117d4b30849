package dev.unbind.shard;

import dev.unbind.result.FindingRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of the shards, copied into the merged directory: finding files under the name they had
 * (prefixed {@code sI-} when two shards used the same name), the texts beside them, and JCStress's
 * working directories under {@code jcstress/shard-I/}.
 */
final class MergedFiles {
    private final Path out;
    /** Relative path in the merged directory to the file it was copied from. */
    private final Map<String, Path> taken = new HashMap<>();

    MergedFiles(Path out) {
        this.out = out;
    }

    /** Copies the finding's file; returns the record pointing at the copy. */
    FindingRecord finding(FindingRecord f, Path shardDir, int shard, List<String> warnings) throws IOException {
        if (f.file() == null || f.file().isEmpty()) {
            return f;
        }
        Path src = shardDir.resolve(f.file());
        if (!Files.isRegularFile(src)) {
            warnings.add("finding file " + src + " is missing; its record keeps the name");
            return f;
        }
        return f.withFile(copy(src, f.file(), shard));
    }

    /** The texts attached to findings (Lincheck's traces), and JCStress's directories. */
    void attachments(Path shardDir, int shard, List<String> warnings) throws IOException {
        Path findings = shardDir.resolve("findings");
        if (Files.isDirectory(findings)) {
            try (Stream<Path> walk = Files.walk(findings)) {
                for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".json")).sorted().toList()) {
                    String rel = shardDir.relativize(p).toString().replace('\\', '/');
                    if (!copy(p, rel, shard).equals(rel)) {
                        warnings.add("shard " + shard + "'s " + rel + " was merged under another name; the findings "
                                + "that name it in their detail point at the other shard's file");
                    }
                }
            }
        }
        Path jcstress = shardDir.resolve("jcstress");
        if (Files.isDirectory(jcstress)) {
            Path to = out.resolve("jcstress").resolve("shard-" + shard);
            try (Stream<Path> walk = Files.walk(jcstress)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    Path dest = to.resolve(jcstress.relativize(p).toString());
                    Files.createDirectories(dest.getParent());
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Copies {@code src} to {@code rel}, or to {@code sI-} its name when another file has it; returns where. */
    private String copy(Path src, String rel, int shard) throws IOException {
        String dest = rel;
        Path owner = taken.get(dest);
        if (owner != null && !owner.equals(src)) {
            int slash = rel.lastIndexOf('/');
            dest = rel.substring(0, slash + 1) + "s" + shard + "-" + rel.substring(slash + 1);
        }
        if (taken.putIfAbsent(dest, src) == null) {
            Path to = out.resolve(dest);
            Files.createDirectories(to.getParent());
            Files.copy(src, to, StandardCopyOption.REPLACE_EXISTING);
        }
        return dest;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
