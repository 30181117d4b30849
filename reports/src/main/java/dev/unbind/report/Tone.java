package dev.unbind.report;

/** What a cell says at a glance; HTML shows it as a colour class, Markdown as emphasis. */
enum Tone {
    PLAIN(""),
    /** Kept, found as catalogued, done. */
    GOOD("good"),
    /** A problem: an unexpected violation, a detection regression, an engine error. */
    BAD("bad"),
    /** Broken as the catalogue says it must be. */
    EXPECTED("expected"),
    /** Worth a look but not a failure: not detected by a sampling engine, budget ran out. */
    WARN("warn"),
    /** Not run, not applicable. */
    NONE("none");

    private final String css;

    Tone(String css) {
        this.css = css;
    }

    String css() {
        return css;
    }
}
