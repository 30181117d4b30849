package dev.unbind.report;

import java.util.List;

/**
 * The blocks a text report is made of. {@link ReportOutline} says what goes where once; each format
 * implements this to say how a block looks. Implementations escape every string they receive.
 */
interface Sink {
    /** A heading; {@code anchor} (may be null) is its link target. */
    void heading(int level, String text, String anchor);

    /** A paragraph made of runs. */
    void paragraph(List<Cell> runs);

    /** A bulleted list; each item is made of runs. */
    void bullets(List<List<Cell>> items);

    void table(Table table);

    /** A verdict card: a table whose first column labels rows and whose other columns are variants. */
    void card(Table table);

    /** A table the reader can narrow down (HTML: drop-downs above it; other formats: the plain table). */
    void table(FilterableTable table);

    /** Preformatted text (a KASAN report). */
    void code(String text);

    /** A chart; formats that cannot draw leave it out (the tables carry the numbers). */
    void chart(BarChart chart);

    /** A line chart over nights; formats that cannot draw leave it out. */
    void trend(LineChart chart);

    /** Blocks shown collapsed under a one-line summary, opened on demand ({@code <details>}). */
    void details(String summary, Runnable body);
}
