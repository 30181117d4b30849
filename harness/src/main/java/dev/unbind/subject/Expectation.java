package dev.unbind.subject;

/** What a variant is expected to show: data in the subject, never inferred from its name. */
public enum Expectation {
    /** A fix that must keep every property: any finding is a regression. */
    KEEPS_EVERY_PROPERTY,
    /** The pre-fix code or a patch as posted: every defect catalogued for it must be found. */
    SHOWS_ITS_DEFECTS
}
