package dev.unbind.kernel;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryTest {
    private final Kernel k = Kernels.onThreads();

    @Test
    void accessAfterFree_isReportedWithAccessAllocAndFreeSites() {
        Cell c = k.memory().alloc("widget", "kzalloc(widget)");
        k.memory().free(c, "kfree(widget)");
        c.touch("read widget->state");
        List<Finding> f = k.findingList();
        assertEquals(1, f.size());
        assertEquals(Kind.UAF, f.get(0).kind());
        assertEquals("read widget->state", f.get(0).site("accessed by").orElseThrow().what());
        assertEquals("kzalloc(widget)", f.get(0).site("allocated by").orElseThrow().what());
        assertEquals("kfree(widget)", f.get(0).site("freed by").orElseThrow().what());
    }

    @Test
    void freeOfFreedCell_isDoubleFree() {
        Cell c = k.memory().alloc("widget", "kzalloc(widget)");
        k.memory().free(c, "first kfree");
        k.memory().free(c, "second kfree");
        assertEquals(Kind.DOUBLE_FREE, k.findingList().get(0).kind());
    }

    @Test
    void freeOfStaticObject_isInvalidFree() {
        Cell c = k.memory().staticObject("misc_fops");
        k.memory().free(c, "kfree(static)");
        Finding f = k.findingList().get(0);
        assertEquals(Kind.DOUBLE_FREE, f.kind());
        assertTrue(f.summary().contains("never allocated"));
    }

    @Test
    void liveCellAtQuiescence_isLeak_butGlobalsAreNot() {
        k.memory().alloc("priv", "kzalloc(priv)");
        k.memory().global("misc_list_head");
        k.checkQuiescence();
        List<Finding> f = k.findingList();
        assertEquals(1, f.size());
        assertEquals(Kind.LEAK, f.get(0).kind());
        assertTrue(f.get(0).object().startsWith("priv#"));
    }

    @Test
    void freeWhileAnotherActorIsInsideItsSpan_isUafAtTheFree() {
        Kernel kc = Runs.controlled("user until canary.inside", "freer", "user");
        Point inside = Point.step("canary.inside");
        Cell c = kc.memory().alloc("widget", "kzalloc(widget)");
        List<Finding> f = Runs.run(kc, List.of(
                ActorSpec.of("user", () -> {
                    try (Cell.Access a = c.enter("long read")) {
                        kc.at(inside);
                    }
                }),
                ActorSpec.of("freer", () -> kc.memory().free(c, "kfree(widget)"))));
        assertEquals(1, f.size(), f.toString());
        assertEquals(Kind.UAF, f.get(0).kind());
        assertTrue(f.get(0).summary().contains("while user is inside long read"), f.get(0).summary());
    }

    @Test
    void slotReuse_bumpsGeneration() {
        Cell a = k.memory().allocInSlot("misc_dev", "minor:64", "first");
        k.memory().free(a, "kfree");
        Cell b = k.memory().allocInSlot("misc_dev", "minor:64", "second");
        assertEquals(1, a.generation());
        assertEquals(2, b.generation());
    }
}
