package dev.unbind.report;

/**
 * One piece of report text: a table cell, or a run inside a sentence. It may be code (an id, a
 * point name), link somewhere ({@code href}), be a link target ({@code anchor}) and carry a tone.
 */
record Cell(String text, Tone tone, boolean code, String href, String anchor) {
    Cell {
        text = text == null ? "" : text;
        tone = tone == null ? Tone.PLAIN : tone;
    }

    static Cell text(String t) {
        return new Cell(t, Tone.PLAIN, false, null, null);
    }

    static Cell code(String t) {
        return new Cell(t, Tone.PLAIN, true, null, null);
    }

    /** A code cell linking to the anchor of a report-wide id (variant, defect). */
    static Cell ref(String id) {
        return code(id).link("#" + id);
    }

    Cell tone(Tone t) {
        return new Cell(text, t, code, href, anchor);
    }

    Cell link(String h) {
        return new Cell(text, tone, code, h, anchor);
    }

    Cell anchor(String id) {
        return new Cell(text, tone, code, href, id);
    }
}
