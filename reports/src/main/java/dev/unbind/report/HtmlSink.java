package dev.unbind.report;

import java.util.List;

/**
 * One self-contained HTML5 page: inline CSS, inline SVG, one inline script (the filters), no external
 * resources, so it opens from the disk without a server. The
 * markup is also well-formed XML (every element closed, no named entities), so a plain XML parser
 * can check it.
 */
final class HtmlSink implements Sink {
    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;max-width:1280px;\
            margin:0 auto;padding:0 1.5em 3em}
            h1{font-size:1.6em}h2{margin-top:2.2em;border-bottom:1px solid #ccc;padding-bottom:.2em}
            h3{margin-top:1.6em}h4{margin:1.4em 0 .4em}
            table{border-collapse:collapse;margin:.4em 0}
            th,td{border:1px solid #d4d4d4;padding:.25em .55em;text-align:left;vertical-align:top}
            th{background:#f2f2f2}.num{text-align:right;font-variant-numeric:tabular-nums}
            .good{background:#e2f3e5}.bad{background:#fbdedd;font-weight:600}.expected{background:#fde9cc}
            .warn{background:#fff5c4}.none{color:#777}
            span.good,span.bad,span.expected,span.warn{padding:0 .35em;border-radius:3px}
            .scroll{overflow-x:auto}.note{color:#555;font-size:.9em;margin-top:0}
            pre{background:#f6f6f6;border:1px solid #ddd;padding:.6em;overflow:auto;font-size:12px}
            code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
            figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}svg.chart{max-width:100%;height:auto}
            :target{outline:2px solid #0072B2}
            form.filter{margin:.6em 0 .2em}form.filter label{margin-right:1em}form.filter output{color:#555}
            details{margin:.6em 0}summary{cursor:pointer;color:#0a4f8a}
            .card table{table-layout:fixed;width:100%;font-size:12.5px;line-height:1.3}
            .card td,.card th{padding:.2em .4em;overflow-wrap:anywhere}.card td:first-child,.card th:first-child{width:8.5em;font-weight:600}
            .card .scroll{overflow-x:visible}.card + p{margin-top:.3em}
            """;

    /**
     * Narrows each filterable table to the rows whose values match every chosen one, and says how many
     * are shown. No less-than or ampersand in it: the page stays well-formed XML.
     */
    private static final String FILTER_SCRIPT = """
            document.querySelectorAll('form.filter').forEach(form => {
              const rows = [...document.getElementById(form.dataset.table).tBodies[0].rows];
              const selects = [...form.querySelectorAll('select')];
              const apply = () => {
                let shown = 0;
                rows.forEach(r => {
                  r.hidden = !selects.every(s => s.value === '' || r.dataset['f' + s.dataset.filter] === s.value);
                  shown += r.hidden ? 0 : 1;
                });
                form.querySelector('output').textContent = shown + ' of ' + rows.length + ' shown';
              };
              selects.forEach(s => s.addEventListener('change', apply));
              apply();
            });
            """;

    private final StringBuilder out = new StringBuilder();
    private final Links links;
    /** Whether the page has a filterable table, and so needs the script that filters. */
    private boolean filters;

    HtmlSink(String title, Links links) {
        this.links = links;
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(Escape.xml(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    }

    @Override
    public void heading(int level, String text, String anchor) {
        out.append("<h").append(level);
        if (anchor != null) {
            out.append(" id=\"").append(Escape.xml(anchor)).append('"');
        }
        out.append('>').append(Escape.xml(text)).append("</h").append(level).append(">\n");
    }

    @Override
    public void paragraph(List<Cell> runs) {
        out.append("<p>").append(inline(runs)).append("</p>\n");
    }

    @Override
    public void bullets(List<List<Cell>> items) {
        if (items.isEmpty()) {
            return;
        }
        out.append("<ul>\n");
        for (List<Cell> item : items) {
            out.append("<li>").append(inline(item)).append("</li>\n");
        }
        out.append("</ul>\n");
    }

    @Override
    public void table(Table t) {
        table(t, null, null);
    }

    @Override
    public void card(Table t) {
        out.append("<div class=\"card\">");
        table(t, null, null);
        out.append("</div>\n");
    }

    @Override
    public void table(FilterableTable f) {
        out.append("<form class=\"filter\" data-table=\"").append(Escape.xml(f.id())).append("\">");
        for (int i = 0; i < f.filters().size(); i++) {
            FilterableTable.Filter x = f.filters().get(i);
            out.append("<label>").append(Escape.xml(x.label())).append(" <select data-filter=\"").append(i)
                    .append("\"><option value=\"\">all</option>");
            for (String o : x.options()) {
                out.append("<option>").append(Escape.xml(o)).append("</option>");
            }
            out.append("</select></label> ");
        }
        out.append("<output></output></form>\n");
        table(f.table(), f.id(), f.values());
        filters = true;
    }

    /** A table; with {@code values}, each row carries its filter values as {@code data-f<i>} attributes. */
    private void table(Table t, String id, List<List<String>> values) {
        out.append("<div class=\"scroll\"><table");
        if (id != null) {
            out.append(" id=\"").append(Escape.xml(id)).append('"');
        }
        out.append(">\n<thead><tr>");
        for (Table.Column c : t.columns()) {
            out.append(c.numeric() ? "<th class=\"num\">" : "<th>").append(Escape.xml(c.title())).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < t.rows().size(); r++) {
            List<Cell> row = t.rows().get(r);
            out.append("<tr");
            if (values != null) {
                for (int i = 0; i < values.get(r).size(); i++) {
                    out.append(" data-f").append(i).append("=\"").append(Escape.xml(values.get(r).get(i))).append('"');
                }
            }
            out.append('>');
            for (int i = 0; i < row.size(); i++) {
                Cell c = row.get(i);
                String cls = (c.tone().css() + (t.columns().get(i).numeric() ? " num" : "")).trim();
                out.append("<td");
                if (c.anchor() != null) {
                    out.append(" id=\"").append(Escape.xml(c.anchor())).append('"');
                }
                if (!cls.isEmpty()) {
                    out.append(" class=\"").append(cls).append('"');
                }
                out.append('>').append(content(c)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
        if (!t.note().isEmpty()) {
            out.append("<p class=\"note\">").append(Escape.xml(t.note())).append("</p>\n");
        }
    }

    @Override
    public void code(String text) {
        out.append("<pre>").append(Escape.xml(text)).append("</pre>\n");
    }

    @Override
    public void chart(BarChart chart) {
        out.append("<figure>\n<figcaption>").append(Escape.xml(chart.title())).append("</figcaption>\n")
                .append(SvgBarChart.render(chart)).append("\n</figure>\n");
    }

    @Override
    public void trend(LineChart chart) {
        out.append("<figure>\n<figcaption>").append(Escape.xml(chart.title())).append("</figcaption>\n")
                .append(SvgLineChart.render(chart)).append("\n</figure>\n");
    }

    @Override
    public void details(String summary, Runnable body) {
        out.append("<details>\n<summary>").append(Escape.xml(summary)).append("</summary>\n");
        body.run();
        out.append("</details>\n");
    }

    private String inline(List<Cell> runs) {
        StringBuilder b = new StringBuilder();
        for (Cell c : runs) {
            String s = content(c);
            if (c.tone() != Tone.PLAIN || c.anchor() != null) {
                StringBuilder span = new StringBuilder("<span");
                if (c.anchor() != null) {
                    span.append(" id=\"").append(Escape.xml(c.anchor())).append('"');
                }
                if (c.tone() != Tone.PLAIN) {
                    span.append(" class=\"").append(c.tone().css()).append('"');
                }
                s = span.append('>').append(s).append("</span>").toString();
            }
            b.append(s);
        }
        return b.toString();
    }

    /** Text, code and link (or the parts in a row); tone and anchor belong to the enclosing element. */
    private String content(Cell c) {
        if (c.isBreak()) {
            return "<br/>";
        }
        if (!c.parts().isEmpty()) {
            return inline(c.parts());
        }
        String s = Escape.xml(c.text());
        if (c.code() && !s.isEmpty()) {
            s = "<code>" + s + "</code>";
        }
        if (c.href() != null && !s.isEmpty()) {
            s = "<a href=\"" + Escape.xml(links.resolve(c.href())) + "\""
                    + (c.hint() == null ? "" : " title=\"" + Escape.xml(c.hint()) + "\"") + ">" + s + "</a>";
        } else if (c.hint() != null && !s.isEmpty()) {
            s = "<span title=\"" + Escape.xml(c.hint()) + "\">" + s + "</span>";
        }
        return s;
    }

    @Override
    public String toString() {
        return out + (filters ? "<script>\n" + FILTER_SCRIPT + "</script>\n" : "") + "</body>\n</html>\n";
    }
}
