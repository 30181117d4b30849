package dev.unbind.subjects;

import dev.unbind.sched.Kernels;
import dev.unbind.kernel.Kernel;
import dev.unbind.subject.Subjects;
import dev.unbind.subjects.cdev.Chardev;
import dev.unbind.subjects.drm.Drm;
import dev.unbind.subjects.media.Media;
import dev.unbind.subjects.misc.MiscChardev;
import dev.unbind.subjects.revocable.Revocable;
import dev.unbind.subjects.uio.Uio;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quiescence after a hang leaves the machine as the hung task left it: in the kernel that task
 * still holds its locks, and here it may have left a probe half done (bound, driver data unset),
 * which a remove would trip over. JCStress met exactly that: a probe reported hung under load,
 * then the arbiter's quiesce removed a half-probed media device. Without a hang, the same
 * quiesce tears everything down (the counterpart that shows the check can fail).
 */
class QuiesceAfterHangTest {
    private static final Subjects SUBJECTS = Subjects.load();

    @ParameterizedTest
    @ValueSource(strings = {"drm.quiesced", "media.refcounted-fenced", "misc.fenced", "cdev.fenced", "revocable.fixed", "uio.fenced"})
    void afterAHang_quiesceLeavesEverything_withoutOne_itFreesEverything(String variant) {
        Kernel calm = Kernels.onThreads();
        probedAndQuiesce(variant, calm).run();
        assertEquals(List.of(), calm.memory().leaked(), variant + ": quiesce without a hang frees everything");

        Kernel hung = Kernels.onThreads();
        Runnable quiesce = probedAndQuiesce(variant, hung);
        hung.reportHang("planted: a task hung holding what it held", "");
        quiesce.run();
        assertFalse(hung.memory().leaked().isEmpty(), variant + ": quiesce after a hang must not tear down");
        assertTrue(hung.errors().isEmpty(), () -> variant + ": " + hung.errors());
    }

    /** Probes the variant's device on {@code k}; returns its model's quiesce. */
    private static Runnable probedAndQuiesce(String variant, Kernel k) {
        Object model = SUBJECTS.select(List.of(variant)).get(0).variant().create().apply(k);
        int rc;
        Runnable quiesce;
        if (model instanceof Drm m) {
            rc = m.probe();
            quiesce = m::quiesce;
        } else if (model instanceof Media m) {
            rc = m.probe();
            quiesce = m::quiesce;
        } else if (model instanceof MiscChardev m) {
            rc = m.probe(MiscChardev.Ec.EC);
            quiesce = m::quiesce;
        } else if (model instanceof Chardev m) {
            rc = m.probe();
            quiesce = m::quiesce;
        } else if (model instanceof Revocable m) {
            rc = m.probe();
            quiesce = m::quiesce;
        } else if (model instanceof Uio m) {
            rc = m.probe();
            quiesce = m::quiesce;
        } else {
            throw new AssertionError("a family this test does not know: " + variant);
        }
        assertEquals(0, rc, variant + ": probe");
        return quiesce;
    }
}
