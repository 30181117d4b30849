package dev.unbind.kernel;

/**
 * The simulated kernel oopsed in the current actor (a NULL dereference): the actor's operation
 * ends here, as the task would be killed, and whatever it held stays held.
 */
public final class Oops extends RuntimeException {
    public Oops(String message) {
        super(message, null, false, false);
    }
}
