package dev.unbind.report;

import java.util.List;

/**
 * A table whose rows a reader can narrow down by the values of some of their properties (a
 * finding's kind, its variant): HTML offers one drop-down per filter above it, working in the page
 * without a server; Markdown shows the plain table.
 *
 * @param id      the table's element id, unique in the page
 * @param table   the table
 * @param filters one per property: its label and the values offered
 * @param values  per row, its value of each filter
 */
record FilterableTable(String id, Table table, List<Filter> filters, List<List<String>> values) {
    /** One drop-down: the property's label and the values to choose from (besides "all"). */
    record Filter(String label, List<String> options) {
        Filter {
            options = List.copyOf(options);
        }
    }

    FilterableTable {
        filters = List.copyOf(filters);
        values = values.stream().map(List::copyOf).toList();
        if (values.size() != table.rows().size()) {
            throw new IllegalArgumentException(values.size() + " filter values for " + table.rows().size() + " rows");
        }
        for (List<String> v : values) {
            if (v.size() != filters.size()) {
                throw new IllegalArgumentException("a row with " + v.size() + " values for " + filters.size() + " filters");
            }
        }
    }
}
