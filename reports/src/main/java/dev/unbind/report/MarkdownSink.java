package dev.unbind.report;

import java.util.List;

/**
 * Markdown (CommonMark with GFM tables), readable as plain text too, so a section can be pasted into
 * a mailing-list reply. Broken verdicts are bold; link targets are {@code <a id>} tags; charts are
 * left out (the tables beside them carry the numbers).
 */
final class MarkdownSink implements Sink {
    private final StringBuilder out = new StringBuilder();
    private final Links links;

    MarkdownSink(Links links) {
        this.links = links;
    }

    @Override
    public void heading(int level, String text, String anchor) {
        out.append("#".repeat(level)).append(' ');
        if (anchor != null) {
            out.append("<a id=\"").append(Escape.xml(anchor)).append("\"></a>");
        }
        out.append(Escape.md(text)).append("\n\n");
    }

    @Override
    public void paragraph(List<Cell> runs) {
        out.append(inline(runs, false)).append("\n\n");
    }

    @Override
    public void bullets(List<List<Cell>> items) {
        if (items.isEmpty()) {
            return;
        }
        for (List<Cell> item : items) {
            out.append("- ").append(inline(item, false)).append('\n');
        }
        out.append('\n');
    }

    @Override
    public void table(Table t) {
        out.append('|');
        for (Table.Column c : t.columns()) {
            out.append(' ').append(Escape.md(c.title())).append(" |");
        }
        out.append("\n|");
        for (Table.Column c : t.columns()) {
            out.append(c.numeric() ? " ---: |" : " --- |");
        }
        out.append('\n');
        for (List<Cell> row : t.rows()) {
            out.append('|');
            for (Cell c : row) {
                String s = cell(c, true);
                out.append(' ').append(s.isEmpty() ? " " : s).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
        if (!t.note().isEmpty()) {
            out.append('*').append(Escape.md(t.note())).append("*\n\n");
        }
    }

    @Override
    public void card(Table t) {
        table(t);
    }

    @Override
    public void table(FilterableTable t) {
        table(t.table());
    }

    @Override
    public void code(String text) {
        String body = text.endsWith("\n") ? text : text + "\n";
        String fence = Escape.fence(body);
        out.append(fence).append('\n').append(body).append(fence).append("\n\n");
    }

    @Override
    public void chart(BarChart chart) {
        // Markdown cannot draw; the table before the chart holds the same numbers.
    }

    @Override
    public void trend(LineChart chart) {
        // Markdown cannot draw; the tables of the section say what changed.
    }

    /** GitHub and most renderers open and close HTML details; plain text shows the summary line above the blocks. */
    @Override
    public void details(String summary, Runnable body) {
        out.append("<details><summary>").append(Escape.xml(summary)).append("</summary>\n\n");
        body.run();
        out.append("</details>\n\n");
    }

    private String inline(List<Cell> runs, boolean inTable) {
        StringBuilder b = new StringBuilder();
        runs.forEach(c -> b.append(cell(c, inTable)));
        return b.toString();
    }

    String cell(Cell c, boolean inTable) {
        if (c.isBreak()) {
            return inTable ? "<br>" : "\n";
        }
        if (!c.parts().isEmpty()) {
            return inline(c.parts(), inTable);
        }
        String s;
        if (c.text().isEmpty()) {
            s = "";
        } else if (c.code()) {
            s = Escape.mdCode(c.text(), inTable);
        } else {
            s = Escape.md(c.text());
        }
        if (!s.isBlank() && c.tone() == Tone.BAD) {
            s = strong(s);
        }
        if (!s.isEmpty() && c.href() != null) {
            s = "[" + s + "](" + Escape.mdHref(links.resolve(c.href())) + ")"; // hover hints: HTML only
        }
        if (c.anchor() != null) {
            s = "<a id=\"" + Escape.xml(c.anchor()) + "\"></a>" + s;
        }
        return s;
    }

    /** {@code **s**} with surrounding spaces kept outside: CommonMark ignores {@code ** x**}. */
    private static String strong(String s) {
        int from = 0;
        int to = s.length();
        while (s.charAt(from) == ' ') {
            from++;
        }
        while (s.charAt(to - 1) == ' ') {
            to--;
        }
        return s.substring(0, from) + "**" + s.substring(from, to) + "**" + s.substring(to);
    }

    @Override
    public String toString() {
        String s = out.toString();
        return s.endsWith("\n\n") ? s.substring(0, s.length() - 1) : s;
    }
}
