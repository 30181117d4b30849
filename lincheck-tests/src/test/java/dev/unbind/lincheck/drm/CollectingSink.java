package dev.unbind.lincheck.drm;

import dev.unbind.result.FindingFile;
import dev.unbind.result.FindingRecord;
import dev.unbind.result.ResultSink;
import dev.unbind.result.RunRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps what an engine journals, for assertions. */
final class CollectingSink implements ResultSink {
    final List<RunRecord> runs = new ArrayList<>();
    final List<FindingRecord> findings = new ArrayList<>();
    final List<FindingFile> files = new ArrayList<>();
    final Map<String, String> attached = new LinkedHashMap<>();

    @Override
    public synchronized FindingRecord finding(FindingRecord f, FindingFile file) {
        findings.add(f);
        files.add(file);
        return f;
    }

    @Override
    public synchronized String attach(String variant, String name, String text) {
        String path = variant + "/" + name;
        attached.put(path, text);
        return path;
    }

    @Override
    public synchronized void run(RunRecord r) {
        runs.add(r);
    }

    @Override
    public void progress(String line) {
    }

    RunRecord run(String variant, String scenario) {
        return runs.stream().filter(r -> r.variant().equals(variant) && r.scenario().equals(scenario)).findFirst()
                .orElseThrow(() -> new AssertionError("no run record for " + variant + " / " + scenario + " in " + runs));
    }

    List<FindingRecord> findings(String variant, String scenario) {
        return findings.stream().filter(f -> f.variant().equals(variant) && f.scenario().equals(scenario)).toList();
    }
}
