package dev.unbind.report;

/**
 * Escaping for every text that reaches a report. Rules:
 * <ol>
 *   <li>HTML and XML get the five entities; characters XML 1.0 cannot carry at all (NUL, most
 *       C0 controls, unpaired surrogates) are dropped, so a thread dump never breaks a file.</li>
 *   <li>Markdown text gets backslash escapes for the characters that start markup, pipes
 *       included, so a summary with {@code |} cannot split a table row. An underscore inside a
 *       word ({@code drm_device}) is left alone: CommonMark does not read it as emphasis, and it
 *       stays readable when the report is pasted into a mail. Characters that only mean something at
 *       the start of a line ({@code #}, {@code -}, {@code 1.}) are escaped only there.</li>
 *   <li>Code spans and fences pick a backtick run longer than any inside the text.</li>
 * </ol>
 */
final class Escape {
    private Escape() {
    }

    /** Text and attribute values for HTML, SVG and XML. */
    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (allowedInXml(c)) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static boolean allowedInXml(char c) {
        if (Character.isSurrogate(c)) {
            return false;
        }
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
    }

    /** Inline Markdown text on one line (newlines become spaces). */
    static String md(String s) {
        if (s == null) {
            return "";
        }
        String t = oneLine(s);
        StringBuilder b = new StringBuilder(t.length() + 8);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '\\', '`', '*', '[', ']', '<', '>', '|', '&', '~' -> b.append('\\').append(c);
                case '#' -> b.append(i == 0 || i == t.length() - 1 ? "\\" : "").append(c);
                case '_' -> {
                    boolean inWord = i > 0 && i + 1 < t.length()
                            && Character.isLetterOrDigit(t.charAt(i - 1)) && Character.isLetterOrDigit(t.charAt(i + 1));
                    b.append(inWord ? "_" : "\\_");
                }
                case '-', '+' -> b.append(i == 0 ? "\\" : "").append(c);
                case '.', ')' -> b.append(listMarker(t, i) ? "\\" : "").append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A Markdown code span; {@code inTable} escapes pipes, which GFM splits cells on even in code. */
    static String mdCode(String s, boolean inTable) {
        String t = oneLine(s == null ? "" : s);
        String ticks = "`".repeat(longestRun(t, '`') + 1);
        String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
        String body = inTable ? t.replace("|", "\\|") : t;
        return ticks + pad + body + pad + ticks;
    }

    /** A fence for a Markdown code block holding {@code s}. */
    static String fence(String s) {
        return "`".repeat(Math.max(3, longestRun(s == null ? "" : s, '`') + 1));
    }

    /** A link destination for Markdown: characters that end or break it are percent-encoded. */
    static String mdHref(String href) {
        StringBuilder b = new StringBuilder();
        for (char c : href.toCharArray()) {
            switch (c) {
                case ' ' -> b.append("%20");
                case '(' -> b.append("%28");
                case ')' -> b.append("%29");
                case '<' -> b.append("%3C");
                case '>' -> b.append("%3E");
                case '|' -> b.append("%7C");
                case '\\' -> b.append("%5C");
                default -> {
                    if (c >= 0x20) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /** Would {@code t} start an ordered list ({@code 1. }, {@code 2) }) at {@code i}? */
    private static boolean listMarker(String t, int i) {
        if (i == 0 || (i + 1 < t.length() && t.charAt(i + 1) != ' ')) {
            return false;
        }
        for (int k = 0; k < i; k++) {
            if (!Character.isDigit(t.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static int longestRun(String s, char c) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }
}
