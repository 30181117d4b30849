package dev.unbind.subjects;

import dev.unbind.kernel.Kernel;
import dev.unbind.sched.Kernels;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Machine;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quiescence after a hang leaves the machine as the hung task left it: in the kernel that task
 * still holds its locks, and here it may have left a probe half done (bound, driver data unset),
 * which a remove would trip over. JCStress met exactly that: a probe reported hung under load,
 * then the arbiter's quiesce removed a half-probed media device. Without a hang, the same
 * quiesce tears everything down (the counterpart that shows the check can fail). Every family's
 * variants that keep every property, through the {@link Machine} every model is.
 */
class QuiesceAfterHangTest {
    private static final Subjects SUBJECTS = Subjects.load();

    static List<String> fixedVariants() {
        return SUBJECTS.families().stream().flatMap(f -> f.variants().stream())
                .filter(v -> v.expect() == Expectation.KEEPS_EVERY_PROPERTY).map(Variant::id).toList();
    }

    @ParameterizedTest
    @MethodSource("fixedVariants")
    void afterAHang_quiesceLeavesEverything_withoutOne_itFreesEverything(String variant) {
        Kernel calm = Kernels.onThreads();
        probed(variant, calm).quiesce();
        assertEquals(List.of(), calm.memory().leaked(), variant + ": quiesce without a hang frees everything");

        Kernel hung = Kernels.onThreads();
        Machine m = probed(variant, hung);
        hung.reportHang("planted: a task hung holding what it held", "");
        m.quiesce();
        assertFalse(hung.memory().leaked().isEmpty(), variant + ": quiesce after a hang must not tear down");
        assertTrue(hung.errors().isEmpty(), () -> variant + ": " + hung.errors());
    }

    /** The variant's machine on {@code k}, its device probed. */
    private static Machine probed(String variant, Kernel k) {
        Object model = SUBJECTS.select(List.of(variant)).get(0).variant().create().apply(k);
        assertTrue(model instanceof Machine, () -> variant + ": its model is not a " + Machine.class.getName());
        Machine m = (Machine) model;
        assertEquals(0, m.probe(), variant + ": probe");
        return m;
    }
}
