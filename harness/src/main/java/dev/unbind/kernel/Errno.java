package dev.unbind.kernel;

import java.util.Map;

/**
 * The user-visible result vocabulary: errno values (returned negated, as the kernel does) and
 * poll masks. {@link #describe(long)} renders a return value for witnesses and outcomes.
 */
public final class Errno {
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int ENOMEM = 12;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int ENOTTY = 25;
    public static final int ENOSYS = 38;
    public static final int EWOULDBLOCK = 11;
    public static final int ERESTARTSYS = 512;
    public static final int EPROBE_DEFER = 517;

    /** Poll mask bits (include/uapi/linux/eventpoll.h). */
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLRDNORM = 0x040;
    /** What poll reports for a file without a poll method. */
    public static final int DEFAULT_POLLMASK = EPOLLIN | EPOLLOUT | EPOLLRDNORM | 0x100;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ENOENT, "ENOENT"), Map.entry(EINTR, "EINTR"), Map.entry(EIO, "EIO"),
            Map.entry(ENXIO, "ENXIO"), Map.entry(ENOMEM, "ENOMEM"), Map.entry(EFAULT, "EFAULT"),
            Map.entry(EBUSY, "EBUSY"), Map.entry(ENODEV, "ENODEV"), Map.entry(EINVAL, "EINVAL"),
            Map.entry(ENFILE, "ENFILE"), Map.entry(ENOTTY, "ENOTTY"), Map.entry(ENOSYS, "ENOSYS"),
            Map.entry(EWOULDBLOCK, "EWOULDBLOCK"), Map.entry(ERESTARTSYS, "ERESTARTSYS"),
            Map.entry(EPROBE_DEFER, "EPROBE_DEFER"));

    private Errno() {
    }

    /** {@code -19} → {@code -ENODEV}; non-negative values as numbers. */
    public static String describe(long rc) {
        if (rc >= 0) {
            return Long.toString(rc);
        }
        String n = NAMES.get((int) -rc);
        return n == null ? Long.toString(rc) : "-" + n;
    }

    /** The lower-case word for outcome ids: {@code -19} → {@code enodev}, {@code 0} → {@code ok}. */
    public static String word(long rc) {
        if (rc >= 0) {
            return "ok";
        }
        String n = NAMES.get((int) -rc);
        return n == null ? "err" + (-rc) : n.toLowerCase(java.util.Locale.ROOT);
    }

    public static boolean isError(long rc) {
        return rc < 0;
    }
}
