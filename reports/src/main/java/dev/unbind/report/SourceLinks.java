package dev.unbind.report;

import dev.unbind.code.SourceLine;
import dev.unbind.code.SourceRoot;

import java.nio.file.Path;

/**
 * Links from a report to the project's source lines: relative to the results directory when the
 * sources are at hand ({@code ../../subjects/src/...java#L171}), else the project-relative path.
 */
record SourceLinks(String prefix) {
    static SourceLinks from(Path resultsDir) {
        return SourceRoot.root().map(root -> {
            Path dir = resultsDir.toAbsolutePath().normalize();
            String rel = dir.relativize(root).toString().replace('\\', '/');
            return new SourceLinks(rel.isEmpty() ? "" : rel + "/");
        }).orElse(new SourceLinks(""));
    }

    String href(SourceLine l) {
        return prefix + l.source() + "#L" + l.line();
    }
}
