package dev.unbind.subjects.drm;

import dev.unbind.engine.lincheck.Answers;

/**
 * The user-visible contract of a DRM device with one open fd, as a sequential object: what a
 * user may see from each call when the calls happen one at a time. Lincheck accepts a
 * concurrent run when its results match some order of its calls on this object.
 *
 * <ol>
 *   <li>A live device answers every ioctl ({@code ok}).</li>
 *   <li>Once remove has happened, every ioctl on the open fd fails with {@code enodev}.</li>
 *   <li>A nonblocking commit is refused ({@code ebusy}) while the previous one is queued and
 *       no kworker has run it yet; remove finishes it (or its tail gives up) before returning.</li>
 *   <li>WAIT_EVENT sleeps until the hardware raises an event; this machine raises none, so the
 *       only way it returns is remove waking it: it can only be placed after remove.</li>
 *   <li>After close, the fd is gone ({@code ebadf}).</li>
 *   <li>rmmod of the helper may or may not be refused: not part of what a user can rely on
 *       (its safety is a lifetime property, checked by the facade's {@code @Validate}).</li>
 * </ol>
 *
 * This is the fixed variant's behaviour. A defective variant shows more: results outside this
 * contract and, before that, kernel findings that its facade's {@code @Validate} reports.
 */
public final class DrmContract {
    /** Never returned by a real run: an order that puts a sleeping WAIT_EVENT here cannot match. */
    static final String SLEEPS = "sleeps until an event this machine never raises";

    private boolean removed;
    private boolean closed;
    private boolean commitQueued;

    public String ioctl(Drm.Ioctl cmd) {
        if (closed) {
            return Answers.EBADF;
        }
        if (removed) {
            return "enodev";
        }
        switch (cmd) {
            case WAIT_EVENT:
                return SLEEPS;
            case ATOMIC_NONBLOCK:
                if (commitQueued) {
                    return "ebusy";
                }
                commitQueued = true;
                return "ok";
            default:
                return "ok";
        }
    }

    public void kworker() {
        commitQueued = false;
    }

    public void close() {
        closed = true;
    }

    public void remove() {
        removed = true;
        commitQueued = false;
    }

    public void rmmodHelper() {
        // may succeed or be refused; nothing a user sees depends on it
    }
}
