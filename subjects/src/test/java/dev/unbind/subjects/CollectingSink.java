package dev.unbind.subjects;

import dev.unbind.finding.KasanReport;
import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Keeps what an engine reports, for tests to look at. */
final class CollectingSink implements ResultSink {
    final List<FindingRecord> findings = new ArrayList<>();
    final List<RunRecord> runs = new ArrayList<>();

    @Override
    public synchronized FindingRecord finding(FindingRecord f, FindingFile file) {
        findings.add(f);
        return f;
    }

    @Override
    public synchronized void run(RunRecord r) {
        runs.add(r);
    }

    @Override
    public void progress(String line) {
    }

    /** Every finding with its scenario, faults, defect and KASAN-style report: a failure's explanation. */
    String describe() {
        return findings.stream().map(f -> f.scenario() + " [" + f.faults() + "] " + f.defect() + ": "
                + KasanReport.render(f.finding())).collect(Collectors.joining("\n"));
    }
}
