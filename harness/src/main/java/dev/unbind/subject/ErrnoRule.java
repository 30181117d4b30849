package dev.unbind.subject;

import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One line of a family's user-visible contract, as data: what a call may return in a situation
 * ({@code read after uio_unregister_device: -EIO}). A model checks it where the call returns
 * ({@link #check}); a result outside it is an ERRNO finding. The family lists its rules
 * ({@code Family.errnoContract()}) and the report prints them, so a reader can tell a finding from
 * a contract choice.
 *
 * @param call    the call and its situation, as findings name it
 * @param allowed the results it may return
 */
public record ErrnoRule(String call, long... allowed) {
    public static ErrnoRule of(String call, long... allowed) {
        return new ErrnoRule(call, allowed);
    }

    /** Checks {@code rc} against the rule: an ERRNO finding when it is outside. */
    public void check(Kernel k, long rc) {
        k.expectResult(call, rc, allowed);
    }

    /** {@code read after uio_unregister_device: -EIO}. */
    @Override
    public String toString() {
        return call + ": " + Arrays.stream(allowed).mapToObj(Errno::describe).collect(Collectors.joining(", "));
    }
}
