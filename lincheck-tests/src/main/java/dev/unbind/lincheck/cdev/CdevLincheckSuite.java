package dev.unbind.lincheck.cdev;

import dev.unbind.lincheck.CheckFactory;
import dev.unbind.engine.lincheck.CustomScenario;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckSuite;

import java.util.ArrayList;
import java.util.List;

import static dev.unbind.engine.lincheck.CustomScenario.op;
import static dev.unbind.subjects.cdev.Chardev.Ioctl.GET_STATUS;

/**
 * The Lincheck checks of the cdev family, per variant, with pinned sizes. Hand-written scenarios
 * pin each textbook race (named after the family's scenario of the same race). Model checking is
 * seeded: every check finds the same interleaving on every run.
 *
 * <p>A defective variant's check names the catalogued defect it must find; the fenced variant's
 * checks must pass. One pinned check per defective variant (two on the last repair of the
 * sketch). No random exploration yet: with this facade, random scenarios ran into the
 * invocation's wall-time limit on every variant tried, the fenced one included (a hang Lincheck
 * did not report as one; not diagnosed), and every pinned check costs seconds.
 */
public final class CdevLincheckSuite implements LincheckSuite {
    static final String PLAIN = "cdev.plain";
    static final String QUEUED = "cdev.queued-as-posted";
    static final String SKETCH = "cdev.sync-sketch-as-posted";
    static final String UNINVERTED = "cdev.sync-sketch-is-sync-uninverted";
    static final String INIT = "cdev.sync-sketch-init-completed";
    static final String SELF_CALL = "cdev.sync-sketch-self-call-fixed";
    static final String FENCED = "cdev.fenced";

    /**
     * Interleavings explored per hand-written scenario. A defect shows within the first few; a
     * passing check explores this many.
     */
    static final int PINNED_INVOCATIONS = 20;
    /** Random exploration: a few small scenarios, each explored briefly. */
    static final int RANDOM_ITERATIONS = 2;
    static final int RANDOM_INVOCATIONS = 10;
    private static final CheckFactory CHECKS = CheckFactory.of(CdevContract.class, CdevFacade.class, PINNED_INVOCATIONS, RANDOM_ITERATIONS, RANDOM_INVOCATIONS);

    @Override
    public List<LincheckCheck> checks() {
        List<LincheckCheck> all = new ArrayList<>();
        // The first failing interleaving lets remove run first: the ioctl then runs daq_ioctl on
        // the freed state (and after remove returned), and the last close puts the freed kobject.
        all.add(ioctlVsRemove(PLAIN, CdevFacade.Plain.class, PLAIN + ".fops-after-cdev-del"));
        // cdev_del drained nothing left in flight, then put_device freed the struct holding qactive.
        all.add(ioctlVsRemove(QUEUED, CdevFacade.QueuedAsPosted.class, QUEUED + ".cdev-memory-not-tied-to-files"));
        // The ioctl on the live device never reaches the driver: the sync data read as file_operations.
        all.add(ioctlVsRemove(SKETCH, CdevFacade.SyncSketchAsPosted.class, SKETCH + ".inverted-is-sync"));
        // The open alone oopses: cdev_sync_open dereferences fops_get(sync->orig_fops) == NULL.
        all.add(openThenRemove(UNINVERTED, CdevFacade.SyncSketchIsSyncUninverted.class, UNINVERTED + ".orig-fops-never-stored"));
        // The open alone recurses through filp->f_op->open (with a remove after it, the remove would
        // wait forever for the read locks the dead task kept: Lincheck reports that hang instead).
        all.add(open(INIT, CdevFacade.SyncSketchInitCompleted.class, INIT + ".open-calls-itself"));
        // f_op stays sync_fops: the ioctl on the live device answers -ENOTTY.
        all.add(ioctlVsRemove(SELF_CALL, CdevFacade.SyncSketchSelfCallFixed.class, SELF_CALL + ".fops-not-switched"));
        // release after remove reads sync through the cdev the driver freed.
        all.add(closeVsRemove(SELF_CALL, CdevFacade.SyncSketchSelfCallFixed.class, SELF_CALL + ".release-through-i-cdev"));

        Class<CdevFacade.Fenced> fenced = CdevFacade.Fenced.class;
        all.add(ioctlVsRemove(FENCED, fenced, null));
        all.add(closeVsRemove(FENCED, fenced, null));
        all.add(CHECKS.randomOps(FENCED, fenced, null));
        all.add(CHECKS.randomOps(PLAIN, CdevFacade.Plain.class, PLAIN + ".fops-after-cdev-del"));
        return all;
    }

    /** CPU0 in an ioctl that reads a register, CPU1 unbinds: the canonical race of the family. */
    static LincheckCheck ioctlVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "ioctl-vs-remove", facade, expected,
                s -> s.initial(op("open")).parallel(List.of(op("ioctl", GET_STATUS)), List.of(op("remove"))));
    }


    /** The fd is opened: no race, the open itself. */
    static LincheckCheck open(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "open", facade, expected, s -> s.parallel(List.of(op("open"))));
    }

    /** The fd is opened, then the device is removed: no race, the sequence itself. */
    static LincheckCheck openThenRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "open-then-remove", facade, expected,
                s -> s.initial(op("open")).parallel(List.of(op("remove"))));
    }



    /** The last fd is closed while the device is removed. */
    static LincheckCheck closeVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "close-vs-remove", facade, expected,
                s -> s.initial(op("open")).parallel(List.of(op("close")), List.of(op("remove"))));
    }


    /** The check called {@code name} of {@code variant}. */
    public static LincheckCheck check(String variant, String name) {
        return CheckFactory.find(new CdevLincheckSuite(), variant, name);
    }
}
