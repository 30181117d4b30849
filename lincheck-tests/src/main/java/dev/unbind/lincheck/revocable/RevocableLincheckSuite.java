package dev.unbind.lincheck.revocable;

import dev.unbind.lincheck.CheckFactory;
import dev.unbind.engine.lincheck.CustomScenario;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckSuite;

import java.util.ArrayList;
import java.util.List;

import static dev.unbind.engine.lincheck.CustomScenario.op;
import static dev.unbind.subjects.revocable.Revocable.Cmd.EVENTMASK;
import static dev.unbind.subjects.revocable.Revocable.Cmd.XCMD;
import static dev.unbind.subjects.revocable.RevocableFamily.FIXED;
import static dev.unbind.subjects.revocable.RevocableFamily.MISC;
import static dev.unbind.subjects.revocable.RevocableFamily.V5;

/**
 * The Lincheck checks of the revocable family, per variant, with pinned sizes. Hand-written
 * scenarios pin each race (named after the family's scenario of the same race); one random
 * exploration looks around them on the corrected variant. Model checking is seeded: every check
 * finds the same interleaving on every run.
 *
 * <p>On both as-posted variants the fd is closed, at the process's exit, after the EC was
 * removed, and that close leaks (the release wrapper skips the driver's release once the resource
 * is gone: {@code release-skipped-after-revoke}). Lincheck reports the first failing interleaving
 * it meets, and in a scenario that races an operation against remove that is usually the order
 * where remove comes first and only the exit leaks: the sleeping reader, the shared SRCU index and
 * the open racing remove are masked here (the explorer and JCStress pin them). So each as-posted
 * check is one whose every interleaving shows its defect: on v5 an EC event before the file's
 * first call, which needs no removal at all (v5's calls after the removal are checked on
 * misc-provider, whose poll wrapper shares v5's errno-as-mask; on v5 the compat ioctl's
 * use-after-free oopses too, and after an oops nothing else is reported); on misc-provider the
 * calls made after misc_deregister. Random exploration of an as-posted variant would only find
 * the exit leak again, and is left out: the family's Lincheck tests must stay within a small
 * share of CI on two cores, and every check here pays about 3 s of fixed cost.
 *
 * <p>The corrected variant must pass every check: the same scenarios, the races against remove
 * (an ioctl, a reader asleep for an event) and a random exploration.
 */
public final class RevocableLincheckSuite implements LincheckSuite {
    /**
     * Interleavings explored per hand-written scenario. A defect here shows in every
     * interleaving; a passing check explores this many (about 0.2 s each: an invocation builds,
     * probes and tears down the whole machine).
     */
    static final int PINNED_INVOCATIONS = 8;
    /** Random exploration: one small scenario, explored briefly. */
    static final int RANDOM_ITERATIONS = 1;
    static final int RANDOM_INVOCATIONS = 8;
    private static final CheckFactory CHECKS = CheckFactory.of(RevocableContract.class, RevocableFacade.class, PINNED_INVOCATIONS, RANDOM_ITERATIONS, RANDOM_INVOCATIONS);
    @Override
    public List<LincheckCheck> checks() {
        List<LincheckCheck> all = new ArrayList<>();
        Class<?> v5 = RevocableFacade.FsReplaceV5.class;
        all.add(eventBeforeFirstFop(V5, v5, V5 + ".mkbp-event-null-ec-dev"));

        all.add(opsAfterRemove(MISC, RevocableFacade.MiscProvider.class, MISC + ".poll-returns-errno"));

        Class<?> fixed = RevocableFacade.Fixed.class;
        all.add(opsAfterRemove(FIXED, fixed, null));
        all.add(eventBeforeFirstFop(FIXED, fixed, null));
        all.add(ioctlVsRemove(FIXED, fixed, null));
        all.add(blockedReaderVsRemove(FIXED, RevocableFacade.WithSleepingReader.Fixed.class, null));
        all.add(CHECKS.randomOps(FIXED, fixed, null));
        return all;
    }

    /** After the EC's removal, poll and a 32-bit process's ioctl on the fd opened before it. */
    static LincheckCheck opsAfterRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "ops-after-remove", facade, expected,
                s -> s.initial(op("remove")).parallel(List.of(op("poll")), List.of(op("compatIoctl", XCMD))));
    }

    /** The EC raises an MKBP event while the file makes its first call (EVENTMASK). */
    static LincheckCheck eventBeforeFirstFop(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "event-before-first-fop", facade, expected,
                s -> s.parallel(List.of(op("ecEvent")), List.of(op("ioctl", EVENTMASK))));
    }

    /** CPU0 in an ioctl that talks to the EC, CPU1 unbinds it: the canonical race of the family. */
    static LincheckCheck ioctlVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "ioctl-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("ioctl", XCMD)), List.of(op("remove"))));
    }

    /** A read sleeps for an MKBP event (none comes) while the EC is removed. */
    static LincheckCheck blockedReaderVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "blocked-reader-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("readEvent")), List.of(op("remove"))));
    }

    /** The check called {@code name} of {@code variant}. */
    public static LincheckCheck check(String variant, String name) {
        return CheckFactory.find(new RevocableLincheckSuite(), variant, name);
    }
}
