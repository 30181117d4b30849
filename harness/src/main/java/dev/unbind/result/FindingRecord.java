package dev.unbind.result;

import dev.unbind.finding.Finding;

import java.util.List;

/**
 * A finding as journaled: where it came from, how long it took, and how to replay it.
 *
 * @param defect          the catalogued defect it shows, or null when it is not in the catalogue
 * @param schedule        the explorer's decisions (actor names), empty for other engines
 * @param secondsToDetect time from the start of this engine's work on the variant
 * @param runsToDetect    runs (schedules, iterations) until detection
 * @param file            the replayable finding file, relative to the results directory, or null
 */
public record FindingRecord(String engine, String family, String variant, String scenario, String faults,
                            long seed, String defect, Finding finding, List<String> schedule,
                            double secondsToDetect, long runsToDetect, String file) {
    public FindingRecord {
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
        faults = faults == null ? "" : faults;
        scenario = scenario == null ? "" : scenario;
    }

    public FindingRecord withFile(String f) {
        return new FindingRecord(engine, family, variant, scenario, faults, seed, defect, finding, schedule,
                secondsToDetect, runsToDetect, f);
    }
}
