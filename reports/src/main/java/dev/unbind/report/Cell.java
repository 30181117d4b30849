package dev.unbind.report;

import java.util.List;

/**
 * One piece of report text: a table cell, or a run inside a sentence. It may be code (an id, a
 * point name), link somewhere ({@code href}, with a {@code hint} shown on hover), be a link target
 * ({@code anchor}) and carry a tone. A cell made of {@code parts} shows them one after the other
 * (several links in one table cell), {@link #BREAK} starting a new line.
 */
record Cell(String text, Tone tone, boolean code, String href, String anchor, String hint, List<Cell> parts) {
    /** A line break inside a cell of parts. */
    static final Cell BREAK = new Cell("\n", Tone.PLAIN, false, null, null, null, List.of());

    Cell {
        text = text == null ? "" : text;
        tone = tone == null ? Tone.PLAIN : tone;
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    static Cell text(String t) {
        return new Cell(t, Tone.PLAIN, false, null, null, null, List.of());
    }

    static Cell code(String t) {
        return new Cell(t, Tone.PLAIN, true, null, null, null, List.of());
    }

    /** A cell showing {@code parts} in a row. */
    static Cell of(List<Cell> parts) {
        return new Cell("", Tone.PLAIN, false, null, null, null, parts);
    }

    /** A code cell linking to the anchor of a report-wide id (variant, defect). */
    static Cell ref(String id) {
        return code(id).link("#" + id);
    }

    boolean isBreak() {
        return this == BREAK;
    }

    Cell tone(Tone t) {
        return new Cell(text, t, code, href, anchor, hint, parts);
    }

    Cell link(String h) {
        return new Cell(text, tone, code, h, anchor, hint, parts);
    }

    Cell anchor(String id) {
        return new Cell(text, tone, code, href, id, hint, parts);
    }

    /** Text shown when the pointer rests on the link (the full title of a defect named short). */
    Cell hint(String h) {
        return new Cell(text, tone, code, href, anchor, h, parts);
    }
}
