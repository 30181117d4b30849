package dev.unbind.kernel;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Kind;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KrefTest {
    private final Kernel k = Kernels.onThreads();
    private final AtomicInteger released = new AtomicInteger();
    private final Kref ref = new Kref(k, "obj.ref", null);

    @Test
    void lastPut_runsReleaseExactlyOnce() {
        ref.get();
        assertFalse(ref.put(released::incrementAndGet));
        assertTrue(ref.put(released::incrementAndGet));
        assertEquals(1, released.get());
        assertTrue(k.findingList().isEmpty());
    }

    @Test
    void putBelowZero_reportsUnderflow() {
        ref.put(released::incrementAndGet);
        ref.put(released::incrementAndGet);
        assertEquals(Kind.REFCOUNT, k.findingList().get(0).kind());
        assertTrue(k.findingList().get(0).summary().contains("underflow"));
        assertEquals(1, released.get());
    }

    @Test
    void getOnZero_reportsAdditionOnZero_andSaturates() {
        ref.put(released::incrementAndGet);
        ref.get();
        assertEquals(Kind.REFCOUNT, k.findingList().get(0).kind());
        assertTrue(k.findingList().get(0).summary().contains("addition on 0"));
        ref.put(released::incrementAndGet);
        assertEquals(1, released.get(), "a saturated refcount never releases again");
    }

    @Test
    void getUnlessZero_failsOnceReleased() {
        assertTrue(ref.getUnlessZero());
        ref.put(released::incrementAndGet);
        ref.put(released::incrementAndGet);
        assertFalse(ref.getUnlessZero());
        assertTrue(k.findingList().isEmpty());
    }

    @Test
    void krefInFreedMemory_isUseAfterFree() {
        Cell home = k.memory().alloc("obj", "kzalloc(obj)");
        Kref r = new Kref(k, "obj.ref", home);
        k.memory().free(home, "kfree(obj)");
        r.get();
        assertEquals(Kind.UAF, k.findingList().get(0).kind());
    }
}
