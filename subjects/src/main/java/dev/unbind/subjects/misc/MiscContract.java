package dev.unbind.subjects.misc;

import dev.unbind.engine.lincheck.Answers;

/**
 * The user-visible contract of /dev/cros_ec with one open fd, as a sequential object: what a user
 * may see from each call when the calls happen one at a time. Lincheck accepts a concurrent run
 * when its results match some order of its calls on this object.
 *
 * <ol>
 *   <li>A live EC answers every ioctl and version read ({@code ok}); poll always returns a mask.</li>
 *   <li>Once remove has happened, every ioctl and read on the open fd fails with {@code enodev}.</li>
 *   <li>A read waiting for an MKBP event sleeps until one comes; this machine raises none, so the
 *       only way it returns is remove waking it: it can only be placed after remove.</li>
 *   <li>After close, the fd is gone ({@code ebadf}).</li>
 *   <li>A kill after remove changes nothing a user sees: the reader it targets has returned.</li>
 * </ol>
 *
 * This is the fenced variant's behaviour. A defective variant shows more: results outside this
 * contract and, before that, kernel findings that its facade's {@code @Validate} reports.
 */
public final class MiscContract {
    /** Never returned by a real run: an order that puts a sleeping event read here cannot match. */
    static final String SLEEPS = "sleeps until an event this machine never raises";

    private boolean removed;
    private boolean closed;

    public String ioctl() {
        return call();
    }

    public String compatIoctl() {
        return call();
    }

    public String read(String what) {
        String rc = call();
        return rc.equals("ok") && MiscFacade.Read.valueOf(what) == MiscFacade.Read.EVENT ? SLEEPS : rc;
    }

    public String poll() {
        return closed ? Answers.EBADF : "ok";
    }

    public void close() {
        closed = true;
    }

    public void remove() {
        removed = true;
    }

    public void kill() {
        // the reader it targets has already returned in every order this contract accepts
    }

    private String call() {
        if (closed) {
            return Answers.EBADF;
        }
        return removed ? "enodev" : "ok";
    }
}
