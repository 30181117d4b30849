package dev.unbind.lincheck.misc;

import dev.unbind.engine.lincheck.Bookkeeping;
import dev.unbind.engine.lincheck.CustomScenario;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckSuite;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.unbind.engine.lincheck.CustomScenario.op;
import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

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
    /** Lincheck's wall-time limit for one invocation (see DrmLincheckSuite: instrumentation on loaded cores). */
    static final long INVOCATION_TIMEOUT_MS = 300_000;

    @Override
    public List<LincheckCheck> checks() {
        List<LincheckCheck> all = new ArrayList<>();
        Class<?> baseline = MiscFacade.DeregisterOnly.class;
        // The first failing interleaving lets remove free the EC while the ioctl is still to take its lock.
        all.add(xcmdVsRemove(BASELINE, baseline, BASELINE + ".call-after-remove"));
        all.add(closeVsRemove(BASELINE, baseline, BASELINE + ".close-after-remove"));
        all.add(blockedReaderVsRemove(BASELINE, baseline, BASELINE + ".unfenced-fops"));
        all.add(randomOps(BASELINE, baseline, BASELINE + ".close-after-remove"));

        // Every run of the sync variants that closes after remove frees the shim before fops_put and
        // lets release reach the freed EC: the sleeping reader's hang is never the first failure, so
        // it is left to the explorer.
        for (String sync : List.of(RWSEM, SRCU)) {
            Class<?> facade = sync.equals(RWSEM) ? MiscFacade.SyncRwsem.class : MiscFacade.SyncSrcu.class;
            all.add(closeVsRemove(sync, facade, sync + ".shim-freed-before-fops_put"));
            all.add(opsAfterRemove(sync, facade, sync + ".poll-errno-as-mask"));
            all.add(randomOps(sync, facade, sync + ".release-touches-parent"));
        }

        // Every run of the mutex variant leaks the file's context and a module reference at the
        // close after remove; its races (lookup-then-lock, the big lock held by a sleeping read)
        // never fail first, so they are left to the explorer.
        Class<?> mutex = MiscFacade.MutexAsPosted.class;
        all.add(opsAfterRemove(MUTEX, mutex, MUTEX + ".missing-ops"));
        all.add(randomOps(MUTEX, mutex, MUTEX + ".module-ref-leak"));

        Class<?> branch = MiscFacade.SyncRegisterSrcu.class;
        all.add(blockedReaderVsRemove(BRANCH, branch, BRANCH + ".sleeping-read-blocks-remove"));
        all.add(closeVsRemove(BRANCH, branch, BRANCH + ".release-misses-context"));
        all.add(opsAfterRemove(BRANCH, branch, BRANCH + ".poll-unwrapped"));
        all.add(randomOps(BRANCH, branch, BRANCH + ".poll-unwrapped"));

        Class<?> fenced = MiscFacade.Fenced.class;
        all.add(xcmdVsRemove(FENCED, fenced, null));
        all.add(closeVsRemove(FENCED, fenced, null));
        all.add(blockedReaderVsRemove(FENCED, fenced, null));
        all.add(opsAfterRemove(FENCED, fenced, null));
        all.add(randomOps(FENCED, fenced, null));
        return all;
    }

    /** CPU0 sends an XCMD that sleeps on the EC's bus, CPU1 unbinds the EC: the canonical race. */
    static LincheckCheck xcmdVsRemove(String variant, Class<?> facade, String expected) {
        return pinned(variant, "xcmd-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("ioctl")), List.of(op("remove"))));
    }

    /** The last fd is closed while the EC is unbound. */
    static LincheckCheck closeVsRemove(String variant, Class<?> facade, String expected) {
        return pinned(variant, "close-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("close")), List.of(op("remove"))));
    }

    /** A read waits for an MKBP event while the EC is unbound; the user kills it once remove returned. */
    static LincheckCheck blockedReaderVsRemove(String variant, Class<?> facade, String expected) {
        return pinned(variant, "blocked-reader-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("read", MiscFacade.Read.EVENT.name())), List.of(op("remove"), op("kill"))));
    }

    /** The EC is unbound, then the fd reads, ioctls (native and 32-bit) and polls. */
    static LincheckCheck opsAfterRemove(String variant, Class<?> facade, String expected) {
        return pinned(variant, "ops-after-remove", facade, expected,
                s -> s.initial(op("remove")).parallel(List.of(op("read", MiscFacade.Read.VERSION.name()), op("ioctl"),
                        op("compatIoctl"), op("poll"))));
    }

    /** Random scenarios around the pinned races: the fd owner's calls and close against remove. */
    static LincheckCheck randomOps(String variant, Class<?> facade, String expected) {
        return new LincheckCheck(variant, "random-ops", facade, () -> base()
                .iterations(RANDOM_ITERATIONS).invocationsPerIteration(RANDOM_INVOCATIONS)
                .threads(2).actorsPerThread(2).actorsBefore(1).actorsAfter(1), expected);
    }

    private static LincheckCheck pinned(String variant, String name, Class<?> facade, String expected,
                                        UnaryOperator<CustomScenario> scenario) {
        return new LincheckCheck(variant, name, facade, () -> base().iterations(0)
                .invocationsPerIteration(PINNED_INVOCATIONS)
                .addCustomScenario(scenario.apply(CustomScenario.of(facade)).build()), expected);
    }

    /**
     * What every check shares: the contract; no shrinking; the kernel's bookkeeping, the facade's
     * set-up and its end-of-run checks left unexplored; a generous limit on one invocation.
     */
    static ModelCheckingOptions base() {
        ModelCheckingOptions o = new ModelCheckingOptions()
                .sequentialSpecification(MiscContract.class)
                .minimizeFailedScenario(false)
                .invocationTimeout$lincheck(INVOCATION_TIMEOUT_MS);
        Bookkeeping.guarantees().forEach(o::addGuarantee);
        o.addGuarantee(forClasses(MiscFacade.class.getName()).methods("setUp", "validate").ignore());
        return o;
    }

    /** The check called {@code name} of {@code variant}. */
    public static LincheckCheck check(String variant, String name) {
        return new MiscLincheckSuite().checks().stream()
                .filter(c -> c.variant().equals(variant) && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Lincheck check " + variant + "/" + name));
    }
}
