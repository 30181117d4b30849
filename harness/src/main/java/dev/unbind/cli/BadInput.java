package dev.unbind.cli;

/** Input the user can fix: reported as one line, exit code 2. */
final class BadInput extends RuntimeException {
    BadInput(String message) {
        super(message, null, false, false);
    }
}
