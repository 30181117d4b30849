package dev.unbind.kernel;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;

import java.util.List;

/**
 * What user space may see: a call's result must be one the subject's contract allows, a poll
 * must return a mask, and a bounded wait must not run out. A breach is reported against the
 * calling actor, at the step it returned from.
 */
final class UserContract {
    private UserContract() {
    }

    static void expectResult(Kernel k, String op, long rc, long... allowed) {
        for (long a : allowed) {
            if (rc == a) {
                return;
            }
        }
        StringBuilder b = new StringBuilder();
        for (long a : allowed) {
            b.append(b.length() == 0 ? "" : ", ").append(Errno.describe(a));
        }
        Actor me = k.self();
        k.report(Kind.ERRNO, op + " returned " + Errno.describe(rc) + "; the contract allows " + b, op,
                List.of(Role.of("returned to", me.site(op + " -> " + Errno.describe(rc)))), "");
    }

    static void expectPollMask(Kernel k, String op, int mask) {
        if (mask < 0) {
            Actor me = k.self();
            k.report(Kind.ERRNO, op + " returned the errno " + Errno.describe(mask) + " as a poll mask", op,
                    List.of(Role.of("returned to", me.site(op + " -> " + mask))), "");
        }
    }

    static void reportStall(Kernel k, String what, long timeoutMs) {
        Actor me = k.self();
        k.report(Kind.HANG, "stall: " + what + " timed out after " + timeoutMs + " ms; " + me.name()
                        + " was blocked for the whole timeout", what,
                List.of(Role.of("stalled", me.site(what + " timed out"))), "");
    }
}
