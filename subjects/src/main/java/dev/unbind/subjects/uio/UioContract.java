package dev.unbind.subjects.uio;

import dev.unbind.engine.lincheck.Answers;

/**
 * The user-visible contract of a uio machine, as a sequential object: tcmu-runner with one fd on
 * a tcmu backstore and its ring mapped, and a bound platform device with nothing open. Lincheck
 * accepts a concurrent run when its results match some order of its calls on this object.
 *
 * <ol>
 *   <li>While the backstore exists: write enables the interrupt ({@code ok}), poll sees no event
 *       ({@code none}), a fault on the ring is served ({@code ok}).</li>
 *   <li>Once it is deleted (INV-U2): write {@code einval}, poll {@code pollerr}, read {@code eio};
 *       the ring mapping still faults through tcmu's own vm_ops ({@code ok}).</li>
 *   <li>read sleeps until an event; this machine raises none on the backstore, so the only way
 *       it returns is the delete waking it (INV-U6): it can only be placed after the delete.</li>
 *   <li>After the daemon exits (munmap, close) its fd and mapping are gone ({@code ebadf}).</li>
 *   <li>The platform device's interrupt and remove return nothing a user sees: their safety is a
 *       lifetime property, checked by the facade's {@code @Validate}.</li>
 * </ol>
 *
 * This is the behaviour every variant shares; the variants differ in what the kernel finds, which
 * the facade's {@code @Validate} reports.
 */
public final class UioContract {
    /** Never returned by a real run: an order that puts a sleeping read here cannot match. */
    static final String SLEEPS = "sleeps until an event this machine never raises";

    private boolean deleted;
    private boolean exited;

    public String daemon(FdOp op) {
        if (exited) {
            return Answers.EBADF;
        }
        return switch (op) {
            case WRITE -> deleted ? "einval" : "ok";
            case POLL -> deleted ? UioFacade.POLLERR : UioFacade.NO_EVENT;
            case TOUCH -> "ok";
            case READ -> deleted ? "eio" : SLEEPS;
        };
    }

    public void exit() {
        exited = true;
    }

    public void delete() {
        deleted = true;
    }

    public void interrupt() {
        // nothing user-visible: no file of the platform device is open
    }

    public void remove() {
        // nothing user-visible: no file of the platform device is open
    }
}
