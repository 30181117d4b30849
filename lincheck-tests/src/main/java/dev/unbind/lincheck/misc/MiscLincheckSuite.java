package dev.unbind.lincheck.misc;

import dev.unbind.lincheck.CheckFactory;
import dev.unbind.engine.lincheck.CustomScenario;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckSuite;

import java.util.ArrayList;
import java.util.List;

import static dev.unbind.engine.lincheck.CustomScenario.op;

/**
 * The Lincheck checks of the misc family, per variant, with pinned sizes. Hand-written scenarios
 * pin each textbook race (named after the family's scenario of the same race); one random
 * exploration per variant looks around them. Model checking is seeded: every check finds the same
 * interleaving on every run.
 *
 * <p>A defective variant's check names the catalogued defect it must find; the fenced variant's
 * checks must pass. Model checking stops at the first failing interleaving, and on most defective
 * variants every run that closes the fd after remove fails at that close: a check names a defect
 * its failure lists, the race's own where the first failure shows it.
 */
public final class MiscLincheckSuite implements LincheckSuite {
    static final String BASELINE = "misc.deregister-only";
    static final String RWSEM = "misc.sync-rwsem";
    static final String SRCU = "misc.sync-srcu";
    static final String MUTEX = "misc.mutex-as-posted";
    static final String BRANCH = "misc.sync-register-srcu";
    static final String FENCED = "misc.fenced";

    /**
     * Interleavings explored per hand-written scenario. A defect shows within the first few; a
     * passing check explores this many. Fewer than DRM's: one invocation builds, probes and opens
     * a whole EC machine, and the family's tests must stay within their time on loaded cores.
     */
    static final int PINNED_INVOCATIONS = 40;
    /** Random exploration: a few small scenarios, each explored briefly. */
    static final int RANDOM_ITERATIONS = 2;
    static final int RANDOM_INVOCATIONS = 15;
    private static final CheckFactory CHECKS = CheckFactory.of(MiscContract.class, MiscFacade.class, PINNED_INVOCATIONS, RANDOM_ITERATIONS, RANDOM_INVOCATIONS);
    @Override
    public List<LincheckCheck> checks() {
        List<LincheckCheck> all = new ArrayList<>();
        Class<?> baseline = MiscFacade.DeregisterOnly.class;
        // The first failing interleaving lets remove free the EC while the ioctl is still to take its lock.
        all.add(xcmdVsRemove(BASELINE, baseline, BASELINE + ".call-after-remove"));
        all.add(closeVsRemove(BASELINE, baseline, BASELINE + ".close-after-remove"));
        all.add(blockedReaderVsRemove(BASELINE, baseline, BASELINE + ".unfenced-fops"));
        all.add(CHECKS.randomOps(BASELINE, baseline, BASELINE + ".close-after-remove"));

        // Every run of the sync variants that closes after remove frees the shim before fops_put and
        // lets release reach the freed EC: the sleeping reader's hang is never the first failure, so
        // it is left to the explorer.
        for (String sync : List.of(RWSEM, SRCU)) {
            Class<?> facade = sync.equals(RWSEM) ? MiscFacade.SyncRwsem.class : MiscFacade.SyncSrcu.class;
            all.add(closeVsRemove(sync, facade, sync + ".shim-freed-before-fops_put"));
            all.add(opsAfterRemove(sync, facade, sync + ".poll-errno-as-mask"));
            all.add(CHECKS.randomOps(sync, facade, sync + ".release-touches-parent"));
        }

        // Every run of the mutex variant leaks the file's context and a module reference at the
        // close after remove; its races (lookup-then-lock, the big lock held by a sleeping read)
        // never fail first, so they are left to the explorer.
        Class<?> mutex = MiscFacade.MutexAsPosted.class;
        all.add(opsAfterRemove(MUTEX, mutex, MUTEX + ".missing-ops"));
        all.add(CHECKS.randomOps(MUTEX, mutex, MUTEX + ".module-ref-leak"));

        Class<?> branch = MiscFacade.SyncRegisterSrcu.class;
        all.add(blockedReaderVsRemove(BRANCH, branch, BRANCH + ".sleeping-read-blocks-remove"));
        all.add(closeVsRemove(BRANCH, branch, BRANCH + ".release-misses-context"));
        all.add(opsAfterRemove(BRANCH, branch, BRANCH + ".poll-unwrapped"));
        all.add(CHECKS.randomOps(BRANCH, branch, BRANCH + ".poll-unwrapped"));

        Class<?> fenced = MiscFacade.Fenced.class;
        all.add(xcmdVsRemove(FENCED, fenced, null));
        all.add(closeVsRemove(FENCED, fenced, null));
        all.add(blockedReaderVsRemove(FENCED, fenced, null));
        all.add(opsAfterRemove(FENCED, fenced, null));
        all.add(CHECKS.randomOps(FENCED, fenced, null));
        return all;
    }

    /** CPU0 sends an XCMD that sleeps on the EC's bus, CPU1 unbinds the EC: the canonical race. */
    static LincheckCheck xcmdVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "xcmd-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("ioctl")), List.of(op("remove"))));
    }

    /** The last fd is closed while the EC is unbound. */
    static LincheckCheck closeVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "close-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("close")), List.of(op("remove"))));
    }

    /** A read waits for an MKBP event while the EC is unbound; the user kills it once remove returned. */
    static LincheckCheck blockedReaderVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "blocked-reader-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("read", MiscFacade.Read.EVENT.name())), List.of(op("remove"), op("kill"))));
    }

    /** The EC is unbound, then the fd reads, ioctls (native and 32-bit) and polls. */
    static LincheckCheck opsAfterRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "ops-after-remove", facade, expected,
                s -> s.initial(op("remove")).parallel(List.of(op("read", MiscFacade.Read.VERSION.name()), op("ioctl"),
                        op("compatIoctl"), op("poll"))));
    }

    /** The check called {@code name} of {@code variant}. */
    public static LincheckCheck check(String variant, String name) {
        return CheckFactory.find(new MiscLincheckSuite(), variant, name);
    }
}
