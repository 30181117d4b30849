package dev.unbind.kernel;

import dev.unbind.canary.PlantedDriver;
import dev.unbind.code.CodeLocations;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.sched.Kernels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class FindingsTest {
    private static final Point HANDLER = Point.step("test.handler.begin");
    private static final Point LATER = Point.step("test.handler.later");

    private final Kernel k = Kernels.onThreads();

    private Cell freed(String type) {
        Cell c = k.memory().alloc(type, "kzalloc(" + type + ")");
        k.memory().free(c, "kfree(" + type + ")");
        return c;
    }

    @Test
    void fourFieldReadsOfFreedMemoryByOneActor_areOneFindingWithThreeFurtherAccesses() {
        Cell dev = freed("usb_skel");
        k.actor("kworker:urb");
        k.at(HANDLER);
        for (String field : List.of("err_lock", "errors", "ongoing_read", "wake_up")) {
            dev.touch("read dev->" + field);
        }
        List<Finding> f = k.findingList();
        assertEquals(1, f.size(), "one bug, one finding: " + f);
        assertEquals("read dev->err_lock", f.get(0).site("accessed by").orElseThrow().what(), "the first access is kept");
        assertEquals(3, f.get(0).furtherAccesses());
        assertEquals(1, k.findings().size());
    }

    @Test
    void aFoldedAccess_isStillRecognised_soThatOlderFindingFilesReplay() {
        String second = freedAlone("read dev->errors");
        Cell dev = freed("usb_skel");
        k.actor("kworker:urb");
        k.at(HANDLER);
        dev.touch("read dev->err_lock");
        dev.touch("read dev->errors");
        Finding f = k.findingList().get(0);
        assertEquals(true, f.folds(second), "the second access, as a file written before findings were collapsed names it");
        assertEquals(false, f.folds(second.replace("UAF|", "DOUBLE_FREE|")), "another kind is another bug");
        assertEquals(false, f.folds(f.signature().replace("usb_skel", "urb")), "another object is another bug");
    }

    /** The signature a lone access {@code what} to freed usb_skel memory at the handler gets, on a kernel of its own. */
    private static String freedAlone(String what) {
        Kernel other = Kernels.onThreads();
        Cell c = other.memory().alloc("usb_skel", "kzalloc(usb_skel)");
        other.memory().free(c, "kfree(usb_skel)");
        other.actor("kworker:urb");
        other.at(HANDLER);
        c.touch(what);
        return other.findingList().get(0).signature();
    }

    @Test
    void theSameObjectReachedByAnotherActor_isAnotherBug() {
        Cell dev = freed("usb_skel");
        k.actor("reader");
        dev.touch("read dev->errors");
        k.actor("writer");
        dev.touch("read dev->errors");
        dev.touch("read dev->ongoing_read");
        List<Finding> f = k.findingList();
        assertEquals(List.of("reader", "writer"), f.stream().map(x -> x.offender().orElseThrow().actor()).toList());
        assertEquals(List.of(0, 1), f.stream().map(Finding::furtherAccesses).toList());
    }

    @Test
    void theSameActorAtAnotherStep_isAnotherBug() {
        Cell dev = freed("usb_skel");
        k.actor("user");
        k.at(HANDLER);
        dev.touch("read dev->errors");
        k.at(LATER);
        dev.touch("read dev->interface");
        assertEquals(2, k.findingList().size());
    }

    @Test
    void theSameActorInAnotherOperation_isAnotherBug() {
        Cell res = freed("zzz_res1");
        k.actor("user");
        k.op("write", () -> res.touch("zzz_write: write res1"));
        k.op("mmap", () -> res.touch("zzz_mmap: remap_pfn_range(res1)"));
        k.op("mmap", () -> res.touch("zzz_mmap: remap_pfn_range(res1)"));
        List<Finding> f = k.findingList();
        assertEquals(List.of("zzz_write: write res1", "zzz_mmap: remap_pfn_range(res1)"),
                f.stream().map(x -> x.offender().orElseThrow().what()).toList());
        assertEquals(List.of(0, 1), f.stream().map(Finding::furtherAccesses).toList(), "a second mmap is the same bug again");
    }

    @Test
    void anotherKindOnTheSameObject_isAnotherBug() {
        Cell dev = freed("usb_skel");
        k.actor("user");
        dev.touch("read dev->errors");
        k.memory().free(dev, "kfree(dev) again");
        assertEquals(List.of(Kind.UAF, Kind.DOUBLE_FREE), k.findingList().stream().map(Finding::kind).toList());
    }

    @Test
    void theSameAccessOnAnotherInstance_isAnotherBug() {
        Cell first = freed("usb_skel");
        Cell second = freed("usb_skel");
        k.actor("user");
        first.touch("read dev->errors");
        k.actor("user");
        second.touch("read dev->errors");
        assertEquals(2, k.findingList().size());
    }

    @Test
    void aFreeUnderTwoAccessesOfOneBug_walksTheStacksOfOneFinding() {
        assertEquals(freeUnder(1), freeUnder(2), "the second access of the same bug is folded before any walk");
    }

    /** Stack walks while {@code remover} frees what {@code reader} is inside {@code accesses} times over. */
    private static long freeUnder(int accesses) {
        Kernel k = Kernels.onThreads();
        PlantedDriver driver = new PlantedDriver(k);
        Cell priv = driver.probe("kzalloc(priv)");
        k.actor("reader");
        k.at(HANDLER);
        for (int i = 0; i < accesses; i++) {
            priv.enter("read priv->field" + i); // left open: the reader is still inside
        }
        k.actor("remover");
        long walks = CodeLocations.walks();
        driver.remove(priv, "kfree(priv)");
        long spent = CodeLocations.walks() - walks;
        List<Finding> f = k.findingList();
        assertEquals(1, f.size(), f.toString());
        assertEquals("reader", f.get(0).site("accessed by").orElseThrow().actor());
        assertFalse(f.get(0).site("accessed by").orElseThrow().frames().isEmpty(), "the reader's functions were taken");
        assertEquals(accesses - 1, f.get(0).furtherAccesses());
        return spent;
    }
}
