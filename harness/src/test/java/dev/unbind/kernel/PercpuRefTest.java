package dev.unbind.kernel;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Kind;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PercpuRefTest {
    private final Kernel k = Kernels.onThreads();
    private final AtomicInteger released = new AtomicInteger();
    private final PercpuRef ref = new PercpuRef(k, "qactive", null);

    @Test
    void tryGetLive_failsAfterKill() {
        ref.init(released::incrementAndGet);
        assertTrue(ref.tryGetLive());
        ref.kill();
        assertFalse(ref.tryGetLive());
        assertEquals(0, released.get(), "one reference is still held");
        ref.put();
        assertEquals(1, released.get());
        assertTrue(k.findingList().isEmpty());
    }

    @Test
    void kill_dropsTheInitialReference_andReleasesWhenIdle() {
        ref.init(released::incrementAndGet);
        ref.kill();
        assertEquals(1, released.get());
    }

    @Test
    void tryGetLive_afterExit_isStillSafelyFalse() {
        ref.init(released::incrementAndGet);
        ref.kill();
        ref.exit();
        assertFalse(ref.tryGetLive());
        assertTrue(k.findingList().isEmpty());
    }

    @Test
    void killTwice_isReported() {
        ref.init(released::incrementAndGet);
        ref.kill();
        ref.kill();
        assertEquals(Kind.REFCOUNT, k.findingList().get(0).kind());
    }

    @Test
    void putWithoutReference_isUnderflow() {
        ref.init(released::incrementAndGet);
        ref.kill();
        ref.put();
        assertEquals(Kind.REFCOUNT, k.findingList().get(0).kind());
        assertEquals(1, released.get());
    }

    @Test
    void percpuRefInFreedMemory_isUseAfterFree() {
        Cell cdev = k.memory().alloc("cdev_container", "kzalloc");
        PercpuRef r = new PercpuRef(k, "qactive", cdev);
        r.init(() -> { });
        r.kill();
        k.memory().free(cdev, "kfree(container)");
        r.tryGetLive();
        assertEquals(Kind.UAF, k.findingList().get(0).kind());
    }
}
