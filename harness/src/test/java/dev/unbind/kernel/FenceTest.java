package dev.unbind.kernel;

import dev.unbind.canary.PlantedDriver;
import dev.unbind.code.CodeLocations;
import dev.unbind.finding.Finding;
import dev.unbind.finding.KasanReport;
import dev.unbind.finding.Kind;
import dev.unbind.finding.Site;
import dev.unbind.sched.Kernels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FenceTest {
    private static final Point GOT_INTERFACE = Point.step("test.read.got-interface");
    private static final Point REMOVE_RETURNS = Point.step("test.remove.returns");

    private final Kernel k = Kernels.onThreads();
    private final Fence fence = new Fence(k, "no urb is submitted after disconnect() returned");

    private void disconnect() {
        k.actor("remover");
        k.op("remove", () -> {
            k.at(REMOVE_RETURNS);
            fence.close();
        });
    }

    @Test
    void aCallAfterThePromise_namesTheCallItsActorOperationAndFunctionApartFromTheLastPointPassed() {
        PlantedDriver driver = new PlantedDriver(k);
        disconnect();
        k.actor("reader");
        k.op("read", () -> {
            k.at(GOT_INTERFACE);
            driver.submit(fence, "usb_submit_urb(bulk_in_urb)"); // the call the finding must name
        });
        List<Finding> found = k.findingList();
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals(Kind.FENCE, f.kind());
        Site runs = f.site("runs").orElseThrow();
        assertEquals(List.of("reader", "test.read.got-interface", "usb_submit_urb(bulk_in_urb)"),
                List.of(runs.actor(), runs.step(), runs.what()));
        assertEquals("PlantedDriver.submit", runs.function(), "the model function that made the call: " + runs.frames());
        assertTrue(runs.frames().get(0).fileAndLine().startsWith("PlantedDriver.java:"), runs.frames().toString());
        assertTrue(KasanReport.render(f).contains("PlantedDriver.submit (PlantedDriver.java:"), KasanReport.render(f));
        assertEquals(new Site("remover", "test.remove.returns", "promise: no urb is submitted after disconnect() returned"),
                f.site("promised by").orElseThrow().withFrames(List.of()));
        assertTrue(f.summary().contains("reader runs usb_submit_urb(bulk_in_urb) in read after remover made it"), f.summary());
        assertTrue(f.summary().endsWith("last point reader passed: test.read.got-interface"), f.summary());
        assertTrue(f.detail().contains("after test.read.got-interface (the last named point passed)"), f.detail());
    }

    @Test
    void furtherCallsOfTheSameBug_areFoldedWithoutAStackWalk() {
        PlantedDriver driver = new PlantedDriver(k);
        disconnect();
        k.actor("reader");
        k.op("read", () -> {
            k.at(GOT_INTERFACE);
            driver.submit(fence, "usb_submit_urb(bulk_in_urb)");
            long walks = CodeLocations.walks();
            driver.submit(fence, "usb_submit_urb(bulk_in_urb)");
            driver.submit(fence, "usb_submit_urb(int_in_urb)");
            assertEquals(walks, CodeLocations.walks(), "a further access of a reported bug walks no stack");
        });
        List<Finding> f = k.findingList();
        assertEquals(1, f.size(), f.toString());
        assertEquals(2, f.get(0).furtherAccesses());
    }

    @Test
    void anActorStillInsideWhenThePromiseIsMade_isNamedWithItsOperationAndWhereItIsNow() {
        Actor reader = k.actor("reader");
        k.op("read", () -> {
            Fence.Scope s = fence.enter("skel_read");
            k.at(GOT_INTERFACE);
            disconnect();
            reader.bind();
            s.close();
        });
        Finding f = k.findingList().get(0);
        assertEquals("reader", f.site("still inside").orElseThrow().actor());
        assertTrue(f.summary().contains("reader is still inside skel_read in read when remover makes it"), f.summary());
        assertTrue(f.summary().endsWith("last point reader passed: test.read.got-interface"), f.summary());
        assertTrue(f.detail().contains("entered after (start), now after test.read.got-interface"), f.detail());
    }

    @Test
    void aCallBeforeThePromise_isNoFinding() {
        k.actor("reader");
        k.op("read", () -> fence.check("usb_submit_urb(bulk_in_urb)"));
        disconnect();
        assertEquals(List.of(), k.findingList());
    }
}
