package dev.unbind.code;

/**
 * One frame of model code on the stack where something happened: a function of a subject (or, when
 * no subject code is on the stack, of the simulated kernel), its source file and line.
 *
 * @param function the class (nested classes joined with {@code .}) and method: {@code DrmSubject.UnplugEnterExit.detect}
 * @param source   the source file relative to the project root
 *                 ({@code subjects/src/main/java/dev/unbind/subjects/drm/DrmSubject.java}), or the bare
 *                 file name when the sources are not at hand
 * @param line     the line in {@code source}, 0 when unknown
 * @param core     true when the code is unchanged kernel core ({@link Core}, or the simulated kernel)
 */
public record Frame(String function, String source, int line, boolean core) {
    public Frame {
        function = function == null ? "" : function;
        source = source == null ? "" : source;
    }

    /** {@code DrmSubject.java:171}. */
    public String fileAndLine() {
        int slash = source.lastIndexOf('/');
        return (slash < 0 ? source : source.substring(slash + 1)) + (line > 0 ? ":" + line : "");
    }

    @Override
    public String toString() {
        return function + " (" + fileAndLine() + ")" + (core ? " [core]" : "");
    }
}
