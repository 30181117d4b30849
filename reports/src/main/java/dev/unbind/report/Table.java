package dev.unbind.report;

import java.util.ArrayList;
import java.util.List;

/** A table as both text formats render it: columns (numeric ones align right), rows of cells, a note below. */
record Table(List<Column> columns, List<List<Cell>> rows, String note) {

    /** A column heading; numeric columns align right. */
    record Column(String title, boolean numeric) {
    }

    Table {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        note = note == null ? "" : note;
        for (List<Cell> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("row of " + r.size() + " cells in a table of " + columns.size()
                        + " columns");
            }
        }
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Collects columns and rows. */
    static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Cell>> rows = new ArrayList<>();
        private String note = "";

        Builder col(String title) {
            columns.add(new Column(title, false));
            return this;
        }

        Builder num(String title) {
            columns.add(new Column(title, true));
            return this;
        }

        Builder row(List<Cell> cells) {
            rows.add(cells);
            return this;
        }

        Builder note(String n) {
            note = n;
            return this;
        }

        Table build() {
            return new Table(columns, rows, note);
        }
    }
}
