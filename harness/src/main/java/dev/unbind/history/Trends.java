package dev.unbind.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The series of the "since last night" charts, one value per night. */
final class Trends {
    private Trends() {
    }

    /** Per family: the median, over its catalogued defects found that night, of the time to first detection. */
    static List<SinceLastNight.Trend> detection(List<Night> nights) {
        Map<String, Double[]> byFamily = new TreeMap<>();
        for (int i = 0; i < nights.size(); i++) {
            Map<String, List<Double>> seconds = new TreeMap<>();
            for (Night.Finding f : nights.get(i).findings()) {
                if (f.defect() != null) {
                    seconds.computeIfAbsent(family(f.variant()), k -> new ArrayList<>()).add(f.seconds());
                }
            }
            int night = i;
            seconds.forEach((family, s) -> byFamily.computeIfAbsent(family, k -> new Double[nights.size()])[night] = median(s));
        }
        List<SinceLastNight.Trend> out = new ArrayList<>();
        byFamily.forEach((family, values) -> out.add(new SinceLastNight.Trend(family, family, ids(nights), Arrays.asList(values))));
        return out;
    }

    /** Per variant: its read-side cost, ns per call. */
    static List<SinceLastNight.Trend> readSide(List<Night> nights) {
        Map<String, Double[]> byVariant = new TreeMap<>();
        for (int i = 0; i < nights.size(); i++) {
            for (Night.Verdict v : nights.get(i).verdicts()) {
                if (v.readSideNs() != null) {
                    byVariant.computeIfAbsent(v.variant(), k -> new Double[nights.size()])[i] = v.readSideNs();
                }
            }
        }
        List<SinceLastNight.Trend> out = new ArrayList<>();
        byVariant.forEach((variant, values) -> out.add(new SinceLastNight.Trend(variant, family(variant), ids(nights),
                Arrays.asList(values))));
        return out;
    }

    private static List<String> ids(List<Night> nights) {
        return nights.stream().map(Night::id).toList();
    }

    private static double median(List<Double> s) {
        List<Double> sorted = new ArrayList<>(s);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String family(String variant) {
        int dot = variant.indexOf('.');
        return dot < 0 ? variant : variant.substring(0, dot);
    }
}
