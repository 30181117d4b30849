package dev.unbind.subjects.media;

import dev.unbind.engine.lincheck.Answers;

/**
 * The user-visible contract of /dev/media0 with one open fd, as a sequential object: what a user
 * may see from each call when the calls happen one at a time (PROTOCOLS.md §1, INV-MC2 and B2).
 * Lincheck accepts a concurrent run when its results match some order of its calls on this object.
 *
 * <ol>
 *   <li>A registered media device answers every MEDIA_IOC ioctl ({@code ok}).</li>
 *   <li>Once remove has happened, every ioctl on the open fd fails with {@code eio}: the device
 *       is unregistered, the fd stays valid.</li>
 *   <li>After close, the fd is gone ({@code ebadf}).</li>
 *   <li>The interrupt and rmmod show the user nothing. rmmod is refused while the fd pins the
 *       driver (cdev->owner); once the fd is closed it unbinds and unloads, and there is no fd
 *       left to see it. Their safety is a lifetime property, checked by the facade's
 *       {@code @Validate}.</li>
 * </ol>
 *
 * This is the fenced variant's behaviour. A defective variant shows more: kernel findings that its
 * facade's {@code @Validate} reports.
 */
public final class MediaContract {
    private boolean removed;
    private boolean closed;

    public String ioctl(Media.Ioctl cmd) {
        if (closed) {
            return Answers.EBADF;
        }
        return removed ? "eio" : "ok";
    }

    public void close() {
        closed = true;
    }

    public void remove() {
        removed = true;
    }

    public void interrupt() {
        // nothing a user sees
    }

    public void rmmod() {
        // refused while the fd is open; afterwards there is no fd to see it
    }
}
