package dev.unbind.kernel.fs;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.device.Device;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdevTest {
    private static final int DEVT = Inode.mkdev(240, 0);

    @Test
    void chrdevOpen_installsTheTableItsSelectionReturns() {
        Kernel k = Kernels.onThreads();
        Module owner = Module.load(k, "drv");
        FileOperations driverFops = new FileOperations("drv_fops", owner);
        FileOperations coreFops = new FileOperations("core_fops", null);
        coreFops.open = (inode, file) -> 0;
        CdevMap map = new CdevMap(k);
        Cdev cdev = Cdev.alloc(k, "drv", driverFops);
        assertEquals(0, map.add(cdev, DEVT, 1));

        OpenResult r = Vfs.open(k, new Inode(DEVT), map, p -> coreFops);

        assertTrue(r.ok());
        assertSame(coreFops, r.file().fop());
        assertEquals(1, owner.refs(), "cdev_get pinned cdev->owner; the built-in table added nothing");
        Vfs.close(r.file());
        assertEquals(0, owner.refs());
        map.del(cdev);
    }

    @Test
    void chrdevOpen_failsWithEnxio_whenItsSelectionGivesNoTable_andDropsTheCdevReference() {
        Kernel k = Kernels.onThreads();
        CdevMap map = new CdevMap(k);
        Cdev cdev = Cdev.alloc(k, "drv", new FileOperations("drv_fops", null));
        assertEquals(0, map.add(cdev, DEVT, 1));

        OpenResult r = Vfs.open(k, new Inode(DEVT), map, p -> null);

        assertFalse(r.ok());
        assertEquals(-Errno.ENXIO, r.rc());
        assertEquals(1, cdev.refs(), "only the initial reference is left");
        map.del(cdev);
        k.checkQuiescence();
        assertTrue(k.findingList().isEmpty(), k.findingList().toString());
    }

    @Test
    void reinitOfAnAllocatedCdev_forgetsItsParent_andTheCdevIsNeverFreed() {
        Kernel k = Kernels.onThreads();
        Cell home = k.memory().global("parent_home");
        Device parent = new Device(k, "parent", home, null);
        parent.initialize(() -> { });
        CdevMap map = new CdevMap(k);
        Cdev cdev = Cdev.alloc(k, "drv", null);
        cdev.setParent(parent);

        cdev.reinit(new FileOperations("drv_fops", null));
        assertEquals(0, map.add(cdev, DEVT, 1));
        assertEquals(1, parent.refs(), "the memset forgot the parent, so cdev_add pinned nothing");
        map.del(cdev);

        k.checkQuiescence();
        List<Finding> leaks = k.findingList().stream().filter(f -> f.kind() == Kind.LEAK).toList();
        assertEquals(1, leaks.size(), k.findingList().toString());
        assertEquals("cdev", leaks.get(0).objectType());
    }

    @Test
    void kobjectPut_ofAnAllocatedCdevThatWasNeverAdded_freesIt() {
        Kernel k = Kernels.onThreads();
        Cdev cdev = Cdev.alloc(k, "drv", null);
        cdev.kobjectPut();
        assertTrue(cdev.home().isFreed());
        k.checkQuiescence();
        assertTrue(k.findingList().isEmpty(), k.findingList().toString());
    }
}
