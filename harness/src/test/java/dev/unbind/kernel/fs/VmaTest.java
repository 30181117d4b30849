package dev.unbind.kernel.fs;

import dev.unbind.sched.Kernels;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmaTest {
    private static final int DEVT = Inode.mkdev(241, 0);

    private static Vma mappedPfn(Kernel k, Cell memory) {
        FileOperations fops = new FileOperations("pfn_fops", Module.load(k, "pfn"));
        fops.open = (inode, file) -> 0;
        fops.mmap = (file, vma) -> {
            vma.remapPfn(memory);
            return 0;
        };
        CdevMap map = new CdevMap(k);
        assertEquals(0, map.add(Cdev.alloc(k, "pfn", fops), DEVT, 1));
        File f = Vfs.open(k, new Inode(DEVT), map).file();
        return Vfs.mmap(f).vma();
    }

    @Test
    void anAccessThroughAPresentPte_reachesTheMemory_andAfterAZapFaultsInstead() {
        Kernel k = Kernels.onThreads();
        Cell mmio = k.memory().alloc("mmio", "kzalloc(mmio)");
        Vma v = mappedPfn(k, mmio);
        assertEquals(0, Vfs.access(v, 0));
        v.file().mapping().unmapMappingRange();
        k.memory().free(mmio, "kfree(mmio)");
        assertEquals(Vma.VM_FAULT_SIGBUS, Vfs.access(v, 0), "no fault handler: SIGBUS, and no access to the freed memory");
        assertTrue(k.findingList().isEmpty(), k.findingList().toString());
    }

    @Test
    void aZap_waitsForAnAccessThroughThePteInFlight() throws InterruptedException {
        Kernel k = Kernels.onThreads();
        Vma v = mappedPfn(k, k.memory().alloc("mmio", "kzalloc(mmio)"));
        AtomicBoolean zapped = new AtomicBoolean();
        Thread zapper = new Thread(() -> {
            v.file().mapping().unmapMappingRange();
            zapped.set(true);
        }, "zapper");
        synchronized (v.pageTableLock()) { // an access through the PTE is in flight
            zapper.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> zapper.getState() == Thread.State.BLOCKED);
            assertFalse(zapped.get(), "the zap must not complete while an access is in flight");
        }
        zapper.join();
        assertTrue(zapped.get());
        assertTrue(v.zapped());
    }
}
