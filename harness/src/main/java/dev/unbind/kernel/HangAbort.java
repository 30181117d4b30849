package dev.unbind.kernel;

/**
 * Thrown out of a wait when the run was found hung, so that a blocked actor unwinds and the run
 * can finish. Model code must not catch it.
 */
public final class HangAbort extends RuntimeException {
    public HangAbort(String message) {
        super(message, null, false, false);
    }
}
