package dev.unbind.engine.lincheck;

import dev.unbind.kernel.Errno;

/**
 * What user space sees of an operation, as the facades return it and the contracts expect it:
 * the words every family shares. A facade's actor returns an int ({@link #OOPSED} if it oopsed,
 * {@link #BAD_FD} for a call on a closed fd, else the kernel's result) and {@link #word} names it.
 */
public final class Answers {
    /** What an operation whose actor oopsed returns (the finding says why). */
    public static final String OOPS = "oops";
    /** A call on an fd this process has already closed, or never had. */
    public static final String EBADF = "ebadf";
    /** Any of the errors that say the device is gone (-ENXIO, -ENODEV, -ENOENT). */
    public static final String GONE = "gone";
    /** The result of an actor that oopsed. */
    public static final int OOPSED = Integer.MIN_VALUE;
    /** The result of a call on a closed fd. */
    public static final int BAD_FD = Integer.MIN_VALUE + 1;

    private Answers() {
    }

    /** {@link #OOPS}, {@link #EBADF}, or the errno's word ({@code ok} for 0). */
    public static String word(int rc) {
        return switch (rc) {
            case OOPSED -> OOPS;
            case BAD_FD -> EBADF;
            default -> Errno.word(rc);
        };
    }

    /** {@link #word}, with every "device is gone" errno folded into {@link #GONE}. */
    public static String wordOrGone(int rc) {
        return rc == -Errno.ENXIO || rc == -Errno.ENODEV || rc == -Errno.ENOENT ? GONE : word(rc);
    }
}
