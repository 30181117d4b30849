package dev.unbind.report;

import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link BarChart} as inline SVG: a legend on top, the value axis with its ticks, one row per
 * bar with the group label on the group's first row, the series name, the bar and its value. Every
 * bar carries a {@code <title>} with the full text, so nothing depends on colour alone.
 */
final class SvgBarChart {
    private static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"};
    private static final int WIDTH = 960;
    private static final int GROUP_W = 250;
    private static final int SERIES_W = 150;
    private static final int PLOT_X = GROUP_W + SERIES_W;
    private static final int PLOT_W = 300;
    private static final int ROW = 18;
    private static final int BAR = 12;
    private static final int GAP = 8;
    private static final int TOP = 48;
    private static final int GROUP_CHARS = 34;
    private static final int SERIES_CHARS = 22;
    private static final double MIN_SECONDS = 1e-6;

    private SvgBarChart() {
    }

    static String render(BarChart c) {
        double lo = 0;
        double hi = 100;
        if (c.axis() == BarChart.Axis.LOG_SECONDS) {
            double min = c.bars().stream().filter(BarChart.Bar::drawn).mapToDouble(BarChart.Bar::value)
                    .filter(v -> v > 0).min().orElse(1e-3);
            double max = c.bars().stream().filter(BarChart.Bar::drawn).mapToDouble(BarChart.Bar::value)
                    .max().orElse(1);
            lo = Math.floor(Math.log10(Math.max(min, MIN_SECONDS)));
            hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(max, MIN_SECONDS))));
        } else if (c.axis() == BarChart.Axis.NANOS) {
            hi = niceCeiling(c.bars().stream().filter(BarChart.Bar::drawn).mapToDouble(BarChart.Bar::value).max().orElse(1));
        }
        int groups = (int) c.bars().stream().map(BarChart.Bar::group).distinct().count();
        int height = TOP + c.bars().size() * ROW + Math.max(0, groups - 1) * GAP + 12;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(Escape.xml(c.title()))
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("<title>").append(Escape.xml(c.title())).append("</title>\n");
        legend(s, c.series());
        axis(s, c.axis(), lo, hi, height);
        int y = TOP;
        String group = null;
        for (BarChart.Bar b : c.bars()) {
            if (group != null && !group.equals(b.group())) {
                y += GAP;
            }
            int base = y + BAR;
            if (!b.group().equals(group)) {
                text(s, 4, base, "start", "#000", truncate(b.group(), GROUP_CHARS), b.group());
            }
            group = b.group();
            String series = b.series() >= 0 && b.series() < c.series().size() ? c.series().get(b.series()) : "";
            text(s, PLOT_X - 6, base, "end", "#555", truncate(series, SERIES_CHARS), series);
            double end = PLOT_X;
            if (b.drawn()) {
                end = x(c.axis(), lo, hi, b.value());
                double w = Math.max(1, end - PLOT_X);
                s.append("<rect x=\"").append(PLOT_X).append("\" y=\"").append(y + 2).append("\" width=\"")
                        .append(num(w)).append("\" height=\"").append(BAR).append("\" fill=\"")
                        .append(color(b.series())).append("\"><title>")
                        .append(Escape.xml(b.group() + " — " + series + ": " + b.label())).append("</title></rect>\n");
                end = PLOT_X + w;
            }
            text(s, end + 4, base, "start", b.drawn() ? "#000" : "#777", b.label(), null);
            y += ROW;
        }
        s.append("</svg>");
        return s.toString();
    }

    private static void legend(StringBuilder s, List<String> series) {
        double x = 4;
        for (int i = 0; i < series.size(); i++) {
            s.append("<rect x=\"").append(num(x)).append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"")
                    .append(color(i)).append("\"/>\n");
            text(s, x + 16, 16, "start", "#000", series.get(i), null);
            x += 16 + 7.0 * series.get(i).length() + 18;
        }
    }

    private static void axis(StringBuilder s, BarChart.Axis axis, double lo, double hi, int height) {
        if (axis == BarChart.Axis.PERCENT || axis == BarChart.Axis.NANOS) {
            for (int q = 0; q <= 4; q++) {
                double v = hi * q / 4;
                String label = axis == BarChart.Axis.PERCENT ? Math.round(v) + "%"
                        : String.format(Locale.ROOT, "%.0f ns", v);
                tick(s, PLOT_X + PLOT_W * q / 4.0, label, height);
            }
            return;
        }
        int step = hi - lo > 8 ? 2 : 1;
        for (double d = lo; d <= hi; d += step) {
            tick(s, PLOT_X + PLOT_W * (d - lo) / (hi - lo), secondsLabel(Math.pow(10, d)), height);
        }
    }

    private static void tick(StringBuilder s, double x, String label, int height) {
        s.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(TOP - 4).append("\" x2=\"").append(num(x))
                .append("\" y2=\"").append(height - 8).append("\" stroke=\"#ddd\"/>\n");
        text(s, x, TOP - 8, "middle", "#555", label, null);
    }

    private static double x(BarChart.Axis axis, double lo, double hi, double v) {
        if (axis == BarChart.Axis.PERCENT || axis == BarChart.Axis.NANOS) {
            return PLOT_X + PLOT_W * Math.min(hi, Math.max(0, v)) / hi;
        }
        double d = Math.log10(Math.max(v, Math.pow(10, lo)));
        return PLOT_X + PLOT_W * (d - lo) / (hi - lo);
    }

    /** The smallest of 1, 2 or 5 times a power of ten, times 4 (the ticks), that is at least {@code max}. */
    static double niceCeiling(double max) {
        double quarter = Math.max(max, 1e-9) / 4;
        double p = Math.pow(10, Math.floor(Math.log10(quarter)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= quarter) {
                return 4 * m * p;
            }
        }
        return 40 * p;
    }

    /** 0.001 → "1 ms", 10 → "10 s". */
    static String secondsLabel(double v) {
        if (v >= 1) {
            return String.format(Locale.ROOT, "%.0f s", v);
        }
        if (v >= 1e-3) {
            return String.format(Locale.ROOT, "%.0f ms", v * 1e3);
        }
        return String.format(Locale.ROOT, "%.0f µs", v * 1e6);
    }

    private static void text(StringBuilder s, double x, double y, String anchor, String fill, String text,
                             String title) {
        s.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" fill=\"").append(fill).append("\">");
        if (title != null && !title.equals(text)) {
            s.append("<title>").append(Escape.xml(title)).append("</title>");
        }
        s.append(Escape.xml(text)).append("</text>\n");
    }

    private static String truncate(String s, int chars) {
        return s.length() <= chars ? s : s.substring(0, chars - 1) + "…";
    }

    private static String color(int series) {
        return PALETTE[Math.floorMod(series, PALETTE.length)];
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
