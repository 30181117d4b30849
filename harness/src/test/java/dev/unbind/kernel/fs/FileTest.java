package dev.unbind.kernel.fs;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Finding;
import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.Runs;
import dev.unbind.kernel.device.Device;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTest {
    private static final int DEVT = Inode.mkdev(240, 0);
    private static final Point IN_READ = Point.step("test.in-read");

    private final AtomicInteger releases = new AtomicInteger();
    private final AtomicInteger releasesSeenInsideRead = new AtomicInteger(-1);

    private record Node(Kernel k, CdevMap map, Inode inode, Module owner, FileOperations fops) {
    }

    private Node node(Kernel k, int openResult) {
        Module owner = Module.load(k, "drv");
        FileOperations fops = new FileOperations("drv_fops", owner);
        fops.open = (inode, file) -> openResult;
        fops.release = (inode, file) -> {
            releases.incrementAndGet();
            return 0;
        };
        fops.read = (file, count) -> {
            k.at(IN_READ);
            releasesSeenInsideRead.set(releases.get());
            return count;
        };
        fops.mmap = (file, vma) -> 0;
        CdevMap map = new CdevMap(k);
        Cdev cdev = Cdev.alloc(k, "drv", fops);
        cdev.owner(owner);
        assertEquals(0, map.add(cdev, DEVT, 1));
        return new Node(k, map, new Inode(DEVT), owner, fops);
    }

    @Test
    void release_runsExactlyOnce_atTheLastPut_ofFdsDupsAndMappings() {
        Kernel k = Kernels.onThreads();
        Node n = node(k, 0);
        File f = Vfs.open(k, n.inode, n.map).file();
        File dup = Vfs.dup(f);
        Vfs.Mapped m = Vfs.mmap(f);
        Vfs.close(f);
        Vfs.close(dup);
        assertEquals(0, releases.get(), "the mapping still holds the file");
        Vfs.munmap(m.vma());
        assertEquals(1, releases.get());
        assertEquals(1, f.releases());
        assertEquals(0, n.owner.refs(), "fops_put dropped the module reference");
        assertTrue(k.findingList().isEmpty(), k.findingList().toString());
    }

    @Test
    void mmapAtAnOffset_givesTheVmaItsPgoff_andForkKeepsIt() {
        Kernel k = Kernels.onThreads();
        Node n = node(k, 0);
        File f = Vfs.open(k, n.inode, n.map).file();
        Vma v = Vfs.mmap(f, 3).vma();
        assertEquals(3, v.pgoff());
        Vma child = Vfs.fork(v);
        assertEquals(3, child.pgoff(), "fork copies vm_pgoff");
        assertEquals(0, Vfs.mmap(f).vma().pgoff(), "plain mmap maps offset 0");
    }

    @Test
    void failedOpen_getsNoRelease_andDropsItsReferences() {
        Kernel k = Kernels.onThreads();
        Node n = node(k, -Errno.ENOMEM);
        OpenResult r = Vfs.open(k, n.inode, n.map);
        assertFalse(r.ok());
        assertEquals(-Errno.ENOMEM, r.rc());
        assertEquals(0, releases.get());
        assertEquals(0, n.owner.refs());
        k.checkQuiescence();
        assertTrue(k.findingList().stream().noneMatch(x -> x.object().startsWith("file#")),
                "the struct file of a failed open is freed: " + k.findingList());
    }

    @Test
    void closeRacingAnInFlightRead_defersReleaseUntilTheReadReturns() {
        Kernel k = Runs.controlled("reader until test.in-read", "closer", "reader");
        Node n = node(k, 0);
        File f = Vfs.open(k, n.inode, n.map).file();
        List<Finding> found = Runs.run(k, List.of(
                ActorSpec.of("reader", () -> Vfs.read(f, 8)),
                ActorSpec.of("closer", () -> {
                    Cdev cdev = f.inode().cdev();
                    Vfs.close(f);
                    n.map.del(cdev); // the driver's remove, so nothing is left at quiescence
                })));
        assertEquals(0, releasesSeenInsideRead.get(), "release ran while read was inside the driver");
        assertEquals(1, releases.get());
        assertTrue(found.isEmpty(), found.toString());
    }

    @Test
    void openAfterCdevDel_byPathFails_butThroughTheCachedInodeStillReachesTheDriver() {
        Kernel k = Kernels.onThreads();
        Node n = node(k, 0);
        File first = Vfs.open(k, n.inode, n.map).file();
        Cdev cdev = n.inode.cdev();
        n.map.del(cdev);
        assertEquals(-Errno.ENXIO, Vfs.open(k, new Inode(DEVT), n.map).rc(), "a fresh inode looks the map up");
        OpenResult again = Vfs.open(k, n.inode, n.map);
        assertTrue(again.ok(), "the cached i_cdev still has references");
        Vfs.close(first);
        Vfs.close(again.file());
        assertEquals(2, releases.get());
    }

    @Test
    void lastPut_dropsTheCdevBeforeTheFops_soTheParentsReleaseRunsWhileTheFopsModuleIsStillPinned() {
        Kernel k = Kernels.onThreads();
        Module owner = Module.load(k, "drv");
        FileOperations fops = new FileOperations("drv_fops", owner);
        fops.open = (inode, file) -> 0;
        Cell home = k.memory().alloc("drv_data", "kzalloc(drv_data)");
        Device parent = new Device(k, "parent", home, null);
        AtomicInteger ownerRefsInParentRelease = new AtomicInteger(-1);
        parent.initialize(() -> {
            ownerRefsInParentRelease.set(owner.refs());
            k.memory().free(home, "drv_release: kfree(drv_data)");
        });
        CdevMap map = new CdevMap(k);
        Cdev cdev = Cdev.alloc(k, "drv", fops);
        cdev.owner(null); // only the file's fops reference pins drv
        cdev.setParent(parent);
        assertEquals(0, map.add(cdev, DEVT, 1));
        parent.put(); // the driver's own reference: from here the cdev alone pins the parent

        File f = Vfs.open(k, new Inode(DEVT), map).file();
        map.del(cdev);
        Vfs.close(f);

        assertEquals(1, ownerRefsInParentRelease.get(), "cdev_put released the parent after fops_put unpinned drv");
        assertEquals(0, owner.refs(), "fops_put dropped the module reference afterwards");
        k.checkQuiescence();
        assertTrue(k.findingList().isEmpty(), k.findingList().toString());
    }
}
