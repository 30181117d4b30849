package dev.unbind.kernel.device;

import dev.unbind.sched.Kernels;
import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevresTest {
    private static final Point ALLOC = Point.fallible("test.devm_kzalloc");

    private final Kernel k = Kernels.onThreads();
    private final List<String> log = new ArrayList<>();
    private final Device pdev = new Device(k, "pdev", k.memory().global("platform_device"), null);

    private Driver driver(int probeResult) {
        Module m = Module.load(k, "drv");
        return new Driver("drv", m, d -> {
            d.devres().add(Callback.builtin("clk", () -> log.add("clk")));
            d.devres().add(Callback.builtin("irq", () -> log.add("irq")));
            d.devres().kzalloc(ALLOC, "priv");
            return probeResult;
        }, d -> log.add("remove"));
    }

    @Test
    void devres_isReleasedLifo_afterRemoveReturns() {
        assertEquals(0, Bus.probe(pdev, driver(0)));
        assertTrue(log.isEmpty());
        Bus.unbind(pdev);
        assertEquals(List.of("remove", "irq", "clk"), log);
        assertNull(pdev.driver());
        k.checkQuiescence();
        assertTrue(k.findingList().isEmpty(), "the devm allocation was freed: " + k.findingList());
    }

    @Test
    void devres_isReleasedLifo_afterAFailedProbe() {
        assertEquals(-Errno.EIO, Bus.probe(pdev, driver(-Errno.EIO)));
        assertEquals(List.of("irq", "clk"), log);
        assertNull(pdev.driver());
        k.checkQuiescence();
        assertTrue(k.findingList().isEmpty());
    }

    @Test
    void addOrReset_runsTheActionAtOnceWhenRegistrationFails() {
        Kernel kf = Kernels.onThreadsBuilder().faults(dev.unbind.fault.FaultSpec.parse("fail:test.add-action")).build();
        Device d = new Device(kf, "pdev", null, null);
        int rc = d.devres().addOrReset(Point.fallible("test.add-action"), Callback.builtin("undo", () -> log.add("undo")));
        assertEquals(-Errno.ENOMEM, rc);
        assertEquals(List.of("undo"), log);
        assertEquals(0, d.devres().size());
    }

    @Test
    void childrenAreUnboundBeforeTheirParent() {
        Device child = new Device(k, "child", null, pdev);
        Module m = Module.load(k, "mfd");
        Bus.probe(pdev, new Driver("parent", m, d -> 0, d -> log.add("parent remove")));
        Bus.probe(child, new Driver("child", m, d -> 0, d -> log.add("child remove")));
        Bus.unbind(pdev);
        assertEquals(List.of("child remove", "parent remove"), log);
    }
}
