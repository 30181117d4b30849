package dev.unbind.engine.lincheck;

import dev.unbind.finding.Finding;
import dev.unbind.finding.KasanReport;
import dev.unbind.result.Catalogue;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Subjects;
import org.jetbrains.lincheck.LincheckAssertionError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the Lincheck checks of the selected variants (derived from their families:
 * {@link LincheckChecks}), one at a time in this JVM (two Lincheck checks cannot share one), within a
 * time budget, and journals them: a {@link RunRecord} per check, and per finding a Lincheck
 * failure names a {@link FindingRecord} attributed to the catalogued defect.
 *
 * <p>A check that has started runs to its end (Lincheck cannot be interrupted), so a check is
 * only started while the remaining budget covers the slowest check so far (not counting the
 * first, which also pays for Lincheck instrumenting the classes); the rest are journaled
 * {@code incomplete}. Sizes are pinned by the families, so a check takes seconds.
 *
 * <p>How a failure is read ({@link LincheckFailureReport}): the findings a facade's
 * {@code @Validate} names ({@link FindingMessage}); a hang, attributed through the catalogue
 * from the waits Lincheck prints; results outside the contract (an {@code ERRNO} finding); a
 * timeout of the whole invocation is an error of the run, not a finding. A finding carries the
 * interleaving; Lincheck's detailed trace, megabytes long, is kept once per failed check in a file
 * beside the finding files ({@link ResultSink#attach}).
 */
public final class LincheckEngine {
    public static final String ENGINE = "lincheck";

    /** @param budget wall time for every selected check */
    public record Options(Duration budget) {
        public Options {
            Objects.requireNonNull(budget);
        }

        public static Options of(Duration budget) {
            return new Options(budget);
        }
    }

    /**
     * What a run did.
     *
     * @param checks     checks run to their end
     * @param failures   checks Lincheck failed (a defect found, or a violation on a fixed variant)
     * @param unexpected checks whose outcome is not what the suite expects (each named in its note)
     * @param incomplete checks not run: the budget ran out
     * @param errors     checks that could not run (a facade or harness error)
     */
    public record Summary(int checks, int failures, int unexpected, int incomplete, int errors, double seconds) {
    }

    private final Options options;
    private final Catalogue catalogue;
    private final ResultSink sink;
    /** Null: the checks the selected variants' families derive. */
    private final List<LincheckCheck> explicit;

    public LincheckEngine(Options options, Catalogue catalogue, ResultSink sink) {
        this(options, catalogue, sink, null);
    }

    /** With explicit checks instead of the derived ones. */
    public LincheckEngine(Options options, Catalogue catalogue, ResultSink sink, List<LincheckCheck> checks) {
        this.options = Objects.requireNonNull(options);
        this.catalogue = Objects.requireNonNull(catalogue);
        this.sink = Objects.requireNonNull(sink);
        this.explicit = checks == null ? null : List.copyOf(checks);
    }

    /** The checks of the selected variants, family by family, in the order {@link LincheckChecks#of} derives them. */
    public List<LincheckCheck> checksOf(List<Subjects.Selected> selected) {
        List<LincheckCheck> all = new ArrayList<>();
        if (explicit != null) {
            all.addAll(explicit);
        } else {
            selected.stream().map(Subjects.Selected::family).distinct().forEach(f -> all.addAll(LincheckChecks.of(f)));
        }
        return all.stream().filter(c -> selected.stream().anyMatch(x -> x.id().equals(c.variant()))).toList();
    }

    public Summary run(List<Subjects.Selected> selected) {
        long start = System.nanoTime();
        long deadline = start + options.budget().toNanos();
        List<LincheckCheck> checks = checksOf(selected);
        int ran = 0;
        int failures = 0;
        int unexpected = 0;
        int incomplete = 0;
        int errors = 0;
        long slowest = 0;
        boolean first = true;
        for (LincheckCheck c : checks) {
            String family = familyOf(selected, c.variant());
            long left = deadline - System.nanoTime();
            if (left <= 0 || left < slowest) {
                incomplete++;
                sink.run(RunRecord.of(ENGINE, family, c.variant(), c.name(), "", 0, 0, "incomplete",
                        "not run: the time budget ran out" + expectation(c)));
                continue;
            }
            long t0 = System.nanoTime();
            Outcome o = check(family, c);
            long took = System.nanoTime() - t0;
            if (!first) {
                slowest = Math.max(slowest, took);
            }
            first = false;
            ran++;
            if (o.failed) {
                failures++;
            }
            if (o.unexpected) {
                unexpected++;
            }
            if (o.status.equals("error")) {
                errors++;
            }
            sink.run(RunRecord.of(ENGINE, family, c.variant(), c.name(), "", o.runs, took / 1e9, o.status, o.note));
            sink.progress(String.format("  lincheck %-24s %-26s %5.1f s  %s", c.variant(), c.name(), took / 1e9, o.note));
        }
        return new Summary(ran, failures, unexpected, incomplete, errors, (System.nanoTime() - start) / 1e9);
    }

    private record Outcome(String status, String note, long runs, boolean failed, boolean unexpected) {
        Outcome(CheckVerdict v, long runs) {
            this(v.status(), v.note(), runs, v.failed(), v.unexpected());
        }
    }

    private Outcome check(String family, LincheckCheck c) {
        long checkStart = System.nanoTime();
        long before = Invocations.count();
        try {
            c.check();
        } catch (LincheckAssertionError e) {
            long runs = Math.max(1, Invocations.count() - before);
            LincheckFailureReport r = LincheckFailureReport.read(e.getMessage(), c.variant(), c.name(), catalogue);
            CheckVerdict v = CheckVerdict.failed(c, r);
            if (v.failed()) {
                double seconds = (System.nanoTime() - checkStart) / 1e9;
                String trace = r.findings().isEmpty() ? null : sink.attach(c.variant(), "lincheck-" + c.name() + "-trace", e.getMessage());
                for (Finding f : r.findings()) {
                    Defect d = r.defectOf(f);
                    record(family, c, withTrace(f, trace), d == null ? null : d.id(), seconds, runs);
                }
            }
            return new Outcome(v, runs);
        } catch (RuntimeException | Error e) {
            return new Outcome(CheckVerdict.error(e), Math.max(0, Invocations.count() - before));
        }
        return new Outcome(CheckVerdict.passed(c), Math.max(1, Invocations.count() - before));
    }

    /** The finding, its detail pointing at the file that keeps Lincheck's whole trace. */
    private static Finding withTrace(Finding f, String trace) {
        if (trace == null) {
            return f;
        }
        return new Finding(f.kind(), f.summary(), f.object(), f.sites(), f.witness(), f.faults(),
                f.detail() + "Lincheck's detailed trace: " + trace + "\n", f.furtherAccesses());
    }

    private void record(String family, LincheckCheck c, Finding f, String defect, double seconds, long runs) {
        String context = c.variant() + " / lincheck " + c.name();
        FindingFile file = new FindingFile(FindingFile.FORMAT, c.variant(), c.name(), "", 0, ENGINE, defect,
                f.kind().name(), f.signature(), f.summary(), List.of(), KasanReport.render(f, context));
        sink.finding(new FindingRecord(ENGINE, family, c.variant(), c.name(), "", 0, defect, f, List.of(), seconds, runs,
                null), file);
    }

    private static String expectation(LincheckCheck c) {
        return c.must() == LincheckCheck.Must.PASS ? "" : " (expected to " + c.expectation() + ")";
    }

    private static String familyOf(List<Subjects.Selected> selected, String variant) {
        for (Subjects.Selected s : selected) {
            if (s.id().equals(variant)) {
                return s.family().id();
            }
        }
        return variant.substring(0, variant.indexOf('.'));
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
