package dev.unbind.report;

import java.util.List;

/**
 * A horizontal bar chart as data: bars in groups, each bar in a series (a colour with a legend).
 * Only the HTML report draws it ({@link SvgBarChart}); the tables next to it carry the same numbers.
 *
 * @param title  what is measured, said in full
 * @param axis   how values are scaled
 * @param series legend entries; {@link Bar#series()} indexes this list
 * @param bars   in drawing order, top to bottom; bars of one group are adjacent
 */
record BarChart(String title, Axis axis, List<String> series, List<Bar> bars) {

    /** The value axis. */
    enum Axis {
        /** Seconds on a logarithmic axis, one tick per decade. */
        LOG_SECONDS,
        /** 0–100 %, linear. */
        PERCENT,
        /** Nanoseconds from 0, linear. */
        NANOS
    }

    /**
     * One bar.
     *
     * @param group  label of the group (shown once, on its first bar)
     * @param series index into the chart's series
     * @param value  seconds, percent or nanoseconds; NaN draws no bar, only the label
     * @param label  printed after the bar ({@code 0.042 s · 17 schedules}, {@code not found})
     */
    record Bar(String group, int series, double value, String label) {
        boolean drawn() {
            return Double.isFinite(value);
        }
    }

    BarChart {
        series = List.copyOf(series);
        bars = List.copyOf(bars);
    }

    boolean isEmpty() {
        return bars.isEmpty();
    }
}
