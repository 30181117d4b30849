package dev.unbind.subjects.cdev;

import dev.unbind.engine.lincheck.Answers;

/**
 * The user-visible contract of {@code /dev/daq0} and one process's fd on it, as a sequential
 * object: what a user may see from each call when the calls happen one at a time. Lincheck
 * accepts a concurrent run when its results match some order of its calls on this object.
 *
 * <ol>
 *   <li>Open of a bound board succeeds ({@code ok}); once remove has happened it fails
 *       ({@code gone}).</li>
 *   <li>A live device answers every ioctl ({@code ok}); once remove has happened, every ioctl
 *       on the open fd fails ({@code gone}).</li>
 *   <li>WAIT_EVENT consumes a sample the card raised; with none pending it sleeps, and only a
 *       sample or remove ends the sleep: an order that puts it where neither happened first
 *       cannot match.</li>
 *   <li>The card's samples are counted while the board is bound; after remove its interrupt is
 *       freed.</li>
 *   <li>Without an open fd (never opened, its open failed, or closed) an ioctl fails
 *       ({@code ebadf}).</li>
 * </ol>
 *
 * This is the fenced variant's behaviour. A defective variant shows more: results outside this
 * contract and, before that, kernel findings that its facade's {@code @Validate} reports.
 */
public final class CdevContract {
    /** Never returned by a real run: an order that puts a sleeping WAIT_EVENT here cannot match. */
    static final String SLEEPS = "sleeps until a sample or remove";

    private boolean removed;
    private boolean open;
    private int samples;

    public String open() {
        if (removed) {
            return Answers.GONE;
        }
        open = true;
        return "ok";
    }

    public String ioctl(Chardev.Ioctl cmd) {
        if (!open) {
            return Answers.EBADF;
        }
        if (removed) {
            return Answers.GONE;
        }
        if (cmd == Chardev.Ioctl.WAIT_EVENT) {
            if (samples == 0) {
                return SLEEPS;
            }
            samples--;
        }
        return "ok";
    }

    public void irq() {
        if (!removed) {
            samples++;
        }
    }

    public void close() {
        open = false;
    }

    public void remove() {
        removed = true;
    }
}
