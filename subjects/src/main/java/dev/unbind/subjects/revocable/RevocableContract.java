package dev.unbind.subjects.revocable;

import dev.unbind.engine.lincheck.Answers;

/**
 * The user-visible contract of /dev/cros_ec with one open fd, as a sequential object: what a user
 * may see from each call when the calls happen one at a time. Lincheck accepts a concurrent run
 * when its results match some order of its calls on this object.
 *
 * <ol>
 *   <li>While the EC is there every ioctl, from either entry (64-bit or compat), answers
 *       {@code ok}; once it has been removed, {@code enodev}.</li>
 *   <li>poll reports no event ({@code none}) while the EC is there, and a hang-up ({@code hup})
 *       once it is gone; never an errno.</li>
 *   <li>A new open succeeds ({@code ok}) until the removal, then the node is {@code gone}.</li>
 *   <li>A read that waits for an MKBP event sleeps until one comes; this machine's EC raises none
 *       a reader asked for, so the only way it returns is the removal waking it ({@code enodev}).</li>
 *   <li>An EC event returns nothing a user sees.</li>
 * </ol>
 *
 * This is the fixed variant's behaviour. An as-posted variant shows more: results outside this
 * contract and, first, kernel findings that its facade's {@code @Validate} reports.
 */
public final class RevocableContract {
    /** Never returned by a real run: an order that puts a sleeping read here cannot match. */
    static final String SLEEPS = "sleeps until an event this machine never raises";

    private boolean removed;

    public String ioctl(Revocable.Cmd cmd) {
        return removed ? "enodev" : "ok";
    }

    public String compatIoctl(Revocable.Cmd cmd) {
        return removed ? "enodev" : "ok";
    }

    public String poll() {
        return removed ? RevocableFacade.HUP : RevocableFacade.NONE;
    }

    public String open() {
        return removed ? Answers.GONE : "ok";
    }

    public String readEvent() {
        return removed ? "enodev" : SLEEPS;
    }

    public void ecEvent() {
        // an event nobody asked for is dropped by the notifier
    }

    public void remove() {
        removed = true;
    }
}
