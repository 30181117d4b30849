package dev.unbind.lincheck.uio;

import dev.unbind.lincheck.CheckFactory;
import dev.unbind.engine.lincheck.CustomScenario;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckSuite;

import java.util.ArrayList;
import java.util.List;

import static dev.unbind.engine.lincheck.CustomScenario.op;

/**
 * The Lincheck checks of the uio family, per variant, with pinned sizes. Hand-written scenarios
 * pin each textbook race (named after the family's scenario of the same race); one small random
 * exploration per variant looks around them. Model checking is seeded: every check finds the same
 * interleaving on every run.
 *
 * <p>A defective variant's check names the catalogued defect it must find, or null where no
 * defect of that variant lives in the race; the fenced variant's checks must all pass. The random
 * exploration of every defective variant meets an interrupt notifying after remove: its seeded
 * scenario races interrupt and remove, and one of its first twenty interleavings lets the
 * interrupt in after unregister. (With 15 interleavings per scenario, the first defect it meets
 * on mainline and late-release is, in a later scenario, the daemon's exit losing to the delete,
 * and on vma-refcount none at all: the expected defect is tied to the pinned sizes.)
 */
public final class UioLincheckSuite implements LincheckSuite {
    static final String MAINLINE = "uio.mainline";
    static final String LATE = "uio.late-release";
    static final String VMA = "uio.vma-refcount";
    static final String FENCED = "uio.fenced";

    /**
     * Interleavings explored per hand-written scenario. A defect shows within the first few; a
     * passing check explores this many (about 0.1 s of CPU each).
     */
    static final int PINNED_INVOCATIONS = 20;
    /**
     * Random exploration: one small seeded scenario, explored briefly. A uio interleaving costs
     * about twice a DRM one (two devices are set up and torn down each time), so the family keeps
     * to one scenario to stay within its share of the CI's time.
     */
    static final int RANDOM_ITERATIONS = 1;
    static final int RANDOM_INVOCATIONS = 20;
    private static final CheckFactory CHECKS = CheckFactory.of(UioContract.class, UioFacade.class, PINNED_INVOCATIONS, RANDOM_ITERATIONS, RANDOM_INVOCATIONS);
    @Override
    public List<LincheckCheck> checks() {
        List<LincheckCheck> all = new ArrayList<>();
        Class<UioFacade.Mainline> mainline = UioFacade.Mainline.class;
        all.add(closeVsDelete(MAINLINE, mainline, MAINLINE + ".tcmu-leak"));
        all.add(CHECKS.randomOps(MAINLINE, mainline, MAINLINE + ".notify-after-unregister"));

        // The interrupt race is the uio core's, unchanged up to the fenced variant: it is pinned once
        // (on vma-refcount, below); the random explorations of mainline and late-release find it too.
        Class<UioFacade.LateRelease> late = UioFacade.LateRelease.class;
        all.add(closeVsDelete(LATE, late, LATE + ".late-release-after-unregister"));
        all.add(CHECKS.randomOps(LATE, late, LATE + ".notify-after-unregister"));

        // The merged tcmu fix: the daemon's exit racing the delete keeps every property; the core's
        // interrupt race remains.
        Class<UioFacade.VmaRefcount> vma = UioFacade.VmaRefcount.class;
        all.add(closeVsDelete(VMA, vma, null));
        all.add(irqVsRemove(VMA, vma, VMA + ".notify-after-unregister"));
        all.add(CHECKS.randomOps(VMA, vma, VMA + ".notify-after-unregister"));

        Class<UioFacade.Fenced> fenced = UioFacade.Fenced.class;
        all.add(closeVsDelete(FENCED, fenced, null));
        all.add(readVsDelete(FENCED, fenced, null));
        all.add(irqVsRemove(FENCED, fenced, null));
        all.add(CHECKS.randomOps(FENCED, fenced, null));
        return all;
    }

    /** tcmu-runner exits (munmap, close) while the backstore is deleted. */
    static LincheckCheck closeVsDelete(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "close-vs-delete", facade, expected,
                s -> s.parallel(List.of(op("daemon", FdOp.TOUCH), op("exit")), List.of(op("delete"))));
    }

    /** tcmu-runner sleeps in read while the backstore is deleted (INV-U6: the delete wakes it with -EIO). */
    static LincheckCheck readVsDelete(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "read-vs-delete", facade, expected,
                s -> s.parallel(List.of(op("daemon", FdOp.READ)), List.of(op("delete"))));
    }

    /** The platform device raises its interrupt while it is removed. */
    static LincheckCheck irqVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "platform-irq-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("interrupt")), List.of(op("remove"))));
    }

    /** The check called {@code name} of {@code variant}. */
    public static LincheckCheck check(String variant, String name) {
        return CheckFactory.find(new UioLincheckSuite(), variant, name);
    }
}
