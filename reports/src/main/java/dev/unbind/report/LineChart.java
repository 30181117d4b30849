package dev.unbind.report;

import java.util.List;

/**
 * Values over nights, one line per series: the "since last night" trends. Only the HTML report draws
 * it ({@link SvgLineChart}); the table beside it has last night's and tonight's figures.
 *
 * @param title  what is measured, said in full
 * @param log    a logarithmic value axis (seconds spanning decades)
 * @param unit   printed after the axis values ({@code s}, {@code ns})
 * @param nights the x axis, oldest first
 * @param series the lines
 */
record LineChart(String title, boolean log, String unit, List<String> nights, List<Series> series) {
    /** One line: a value per night, null where there is none. */
    record Series(String name, List<Double> values) {
    }

    LineChart {
        nights = List.copyOf(nights);
        series = List.copyOf(series);
    }

    boolean drawable() {
        return nights.size() >= 2 && series.stream().anyMatch(s -> s.values().stream().filter(v -> v != null).count() >= 1);
    }
}
