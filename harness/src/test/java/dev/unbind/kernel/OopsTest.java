package dev.unbind.kernel;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OopsTest {
    @Test
    void nullDeref_oopsesTheCaller_andQuiescenceThenReportsNoLeaks() {
        Kernel k = Kernels.onThreads();
        k.memory().alloc("held_by_the_dead_task", "kzalloc");
        assertThrows(Oops.class, () -> k.deref(null, "fops->open"));
        k.checkQuiescence();
        List<Finding> f = k.findingList();
        assertEquals(1, f.size(), f.toString());
        assertEquals(Kind.NULL_DEREF, f.get(0).kind());
        assertTrue(k.oopsed());
    }

    @Test
    void withoutAnOops_quiescenceStillReportsLeaks() {
        Kernel k = Kernels.onThreads();
        k.memory().alloc("leaked", "kzalloc");
        assertEquals("x", k.deref("x", "a live pointer"));
        k.checkQuiescence();
        assertFalse(k.oopsed());
        assertEquals(Kind.LEAK, k.findingList().get(0).kind());
    }
}
