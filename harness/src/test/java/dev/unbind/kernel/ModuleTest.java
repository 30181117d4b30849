package dev.unbind.kernel;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Kind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleTest {
    private final Kernel k = Kernels.onThreads();
    private final Module m = Module.load(k, "cros_ec_chardev");

    @Test
    void callIntoGoneModule_isAModuleFinding() {
        assertEquals(0, m.unload());
        new Callback(m, "cros_ec_chardev_release", () -> { }).call();
        assertEquals(Kind.MODULE, k.findingList().get(0).kind());
        assertTrue(k.findingList().get(0).summary().contains("cros_ec_chardev_release"));
    }

    @Test
    void unloadWithReferences_isRefused() {
        assertTrue(m.tryGet());
        assertEquals(-Errno.EBUSY, m.unload());
        assertEquals(Module.State.LIVE, m.state());
        m.put();
        assertEquals(0, m.unload());
        assertEquals(Module.State.GONE, m.state());
    }

    @Test
    void tryGet_failsOnceUnloadingBegan() {
        m.onExit(() -> assertFalse(m.tryGet(), "try_module_get during exit"));
        assertEquals(0, m.unload());
        assertFalse(m.tryGet());
        assertTrue(k.findingList().isEmpty());
    }

    @Test
    void referenceLeftAtQuiescence_isALeak() {
        m.tryGet();
        m.unload();
        k.checkQuiescence();
        assertEquals(Kind.LEAK, k.findingList().get(0).kind());
        assertTrue(k.findingList().get(0).summary().contains("rmmod was refused"));
    }

    @Test
    void putWithoutReference_isReported() {
        m.put();
        assertEquals(Kind.REFCOUNT, k.findingList().get(0).kind());
    }
}
