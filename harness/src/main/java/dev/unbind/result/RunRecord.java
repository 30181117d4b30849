package dev.unbind.result;

import java.util.List;

/**
 * One engine's work on one variant (and one scenario, where the engine has scenarios).
 *
 * @param engine    {@code explorer}, {@code stress}, {@code jcstress}, {@code lincheck}
 * @param scenario  scenario or test id, "" when not applicable
 * @param faults    the fault plan in spec syntax ("" for none; "fail-nth sweep" for sweeps)
 * @param runs      runs, schedules, samples or invocations done
 * @param seconds   wall time spent
 * @param status    {@code ok}, {@code incomplete} (budget ran out), {@code error}, {@code skipped}
 * @param note      free text (why incomplete, outcome counts...)
 * @param windows   race-window coverage (stress)
 * @param latencies operation latencies (stress)
 * @param readSide  what one read-side call costs (the cost engine), or null
 */
public record RunRecord(String engine, String family, String variant, String scenario, String faults,
                        long runs, double seconds, String status, String note,
                        List<WindowStat> windows, List<LatencyStat> latencies, ReadSideCost readSide) {
    public RunRecord {
        windows = windows == null ? List.of() : List.copyOf(windows);
        latencies = latencies == null ? List.of() : List.copyOf(latencies);
        note = note == null ? "" : note;
        faults = faults == null ? "" : faults;
        scenario = scenario == null ? "" : scenario;
    }

    public static RunRecord of(String engine, String family, String variant, String scenario, String faults,
                               long runs, double seconds, String status, String note) {
        return new RunRecord(engine, family, variant, scenario, faults, runs, seconds, status, note, List.of(), List.of(), null);
    }
}
