package dev.unbind.result;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Renders every report format found on the class path into a results directory. */
public final class Reports {
    private Reports() {
    }

    public static List<ReportWriter> writers() {
        List<ReportWriter> out = new ArrayList<>();
        for (ReportWriter w : ServiceLoader.load(ReportWriter.class)) {
            out.add(w);
        }
        out.sort((a, b) -> a.fileName().compareTo(b.fileName()));
        return out;
    }

    /** Writes all formats; returns the files written. */
    public static List<Path> writeAll(Assessment a, Results r, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (ReportWriter w : writers()) {
            w.write(a, r, dir);
            written.add(dir.resolve(w.fileName()));
        }
        return written;
    }
}
