package dev.unbind.fault;

/** A fault spec that cannot be parsed; the message names the bad part. */
public final class FaultSpecException extends IllegalArgumentException {
    public FaultSpecException(String message) {
        super(message);
    }
}
