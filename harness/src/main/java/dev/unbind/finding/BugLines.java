package dev.unbind.finding;

import dev.unbind.code.Frame;
import dev.unbind.code.SourceFile;
import dev.unbind.code.SourceLine;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code // BUG:} lines a finding passes through: for every frame of its sites, the mark on
 * that very line, else the marks of the function the frame is in. Read from the sources at hand,
 * so a reference never goes stale; empty when no frame was taken or no marked function is on the
 * stacks (a defect of omission shows in the code that was not written).
 */
public final class BugLines {
    private BugLines() {
    }

    public static List<SourceLine> of(Finding f) {
        List<SourceLine> out = new ArrayList<>();
        for (Role r : f.sites()) {
            for (Frame fr : r.site().frames()) {
                if (fr.core() || fr.line() <= 0) {
                    continue;
                }
                SourceFile.of(fr.source()).ifPresent(s -> s.bugsAt(fr.line()).forEach(m -> {
                    if (!out.contains(m)) {
                        out.add(m);
                    }
                }));
            }
        }
        return out;
    }
}
