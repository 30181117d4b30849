package dev.unbind.code;

/**
 * A line of a subject's source that its author marked: {@code // BUG:} on the exact line a defect
 * lives, {@code // FIX:} on the line a fix changes.
 *
 * @param kind   {@code BUG} or {@code FIX}
 * @param source the file relative to the project root
 * @param line   1-based
 * @param code   the code on the line, without the comment ("" for a comment on its own line)
 * @param note   what the comment says after the marker
 * @param in     the class whose body holds the line ({@code DrmSubject.UnplugEnterExit})
 */
public record SourceLine(String kind, String source, int line, String code, String note, String in) {
    public static final String BUG = "BUG";
    public static final String FIX = "FIX";

    /** {@code subjects/src/.../DrmSubject.java:171}. */
    public String reference() {
        return source + ":" + line;
    }

    @Override
    public String toString() {
        return reference() + ": " + (code.isEmpty() ? "" : code + " ") + "// " + kind + ":" + (note.isEmpty() ? "" : " " + note);
    }
}
