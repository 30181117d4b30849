package dev.unbind.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws a {@link LineChart} as inline SVG in the manner of {@link SvgBarChart}: the legend on top, the
 * value axis on the left with its ticks, one polyline per series with a dot and a {@code <title>} at
 * every night, so each value can be read without relying on colour.
 */
final class SvgLineChart {
    private static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"};
    private static final int WIDTH = 640;
    private static final int LEFT = 70;
    private static final int PLOT_W = 520;
    private static final int PLOT_H = 150;
    private static final int LEGEND_ROW = 18;

    private SvgLineChart() {
    }

    static String render(LineChart c) {
        List<Double> all = new ArrayList<>();
        c.series().forEach(s -> s.values().stream().filter(Objects::nonNull).filter(v -> !c.log() || v > 0).forEach(all::add));
        double min = all.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double lo;
        double hi;
        if (c.log()) {
            lo = Math.floor(Math.log10(Math.max(min, 1e-6)));
            hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(max, 1e-6))));
        } else {
            lo = 0;
            hi = SvgBarChart.niceCeiling(max);
        }
        int legendRows = (c.series().size() + 3) / 4;
        int top = 10 + legendRows * LEGEND_ROW + 10;
        int height = top + PLOT_H + 40;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Escape.xml(c.title()))
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("<title>").append(Escape.xml(c.title())).append("</title>\n");
        for (int i = 0; i < c.series().size(); i++) {
            int x = 4 + (i % 4) * 158;
            int y = 10 + (i / 4) * LEGEND_ROW;
            s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(color(i)).append("\"/>\n");
            text(s, x + 16, y + 10, "start", "#000", c.series().get(i).name());
        }
        int ticks = c.log() ? (int) (hi - lo) : 4;
        for (int q = 0; q <= ticks; q++) {
            double v = c.log() ? Math.pow(10, lo + q) : hi * q / ticks;
            double y = top + PLOT_H - PLOT_H * (double) q / ticks;
            s.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(num(y)).append("\" x2=\"").append(LEFT + PLOT_W)
                    .append("\" y2=\"").append(num(y)).append("\" stroke=\"#ddd\"/>\n");
            text(s, LEFT - 6, y + 4, "end", "#555", label(v, c));
        }
        int n = c.nights().size();
        for (int k = 0; k < n; k++) {
            if (n <= 8 || k % Math.max(1, n / 7) == 0 || k == n - 1) {
                text(s, x(k, n), top + PLOT_H + 16, "middle", "#555", shortNight(c.nights().get(k)));
            }
        }
        for (int i = 0; i < c.series().size(); i++) {
            LineChart.Series ser = c.series().get(i);
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int k = 0; k < n && k < ser.values().size(); k++) {
                Double v = ser.values().get(k);
                if (v == null || (c.log() && v <= 0)) {
                    continue;
                }
                double y = y(v, c.log(), lo, hi, top);
                points.append(num(x(k, n))).append(',').append(num(y)).append(' ');
                dots.append("<circle cx=\"").append(num(x(k, n))).append("\" cy=\"").append(num(y))
                        .append("\" r=\"3\" fill=\"").append(color(i)).append("\"><title>")
                        .append(Escape.xml(ser.name() + ", " + c.nights().get(k) + ": " + value(v, c))).append("</title></circle>\n");
            }
            if (!points.isEmpty()) {
                s.append("<polyline fill=\"none\" stroke=\"").append(color(i)).append("\" stroke-width=\"2\" points=\"")
                        .append(points.toString().strip()).append("\"/>\n").append(dots);
            }
        }
        s.append("</svg>");
        return s.toString();
    }

    private static double x(int k, int n) {
        return LEFT + (n == 1 ? PLOT_W / 2.0 : PLOT_W * (double) k / (n - 1));
    }

    private static double y(double v, boolean log, double lo, double hi, int top) {
        double f = log ? (Math.log10(v) - lo) / (hi - lo) : (v - lo) / (hi - lo);
        return top + PLOT_H - PLOT_H * Math.max(0, Math.min(1, f));
    }

    /** A value as the tables print it. */
    private static String value(double v, LineChart c) {
        return (c.unit().equals("s") ? Fmt.seconds(v) : Fmt.nanos(v)) + " " + c.unit();
    }

    /** An axis tick. */
    private static String label(double v, LineChart c) {
        if (c.unit().equals("s")) {
            return SvgBarChart.secondsLabel(v);
        }
        return String.format(Locale.ROOT, v >= 100 || v == Math.rint(v) ? "%.0f %s" : "%.1f %s", v, c.unit());
    }

    /** {@code 2026-12-24T02:17:03.120Z} becomes {@code 12-24 02:17}. */
    static String shortNight(String id) {
        if (id.length() >= 16 && id.charAt(10) == 'T') {
            return id.substring(5, 10) + " " + id.substring(11, 16);
        }
        return id;
    }

    private static void text(StringBuilder s, double x, double y, String anchor, String fill, String text) {
        s.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"").append(fill).append("\">").append(Escape.xml(text)).append("</text>\n");
    }

    private static String color(int series) {
        return PALETTE[Math.floorMod(series, PALETTE.length)];
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
