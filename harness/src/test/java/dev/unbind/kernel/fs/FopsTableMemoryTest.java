package dev.unbind.kernel.fs;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file_operations table that lives in heap memory: the VFS's reads of it are accesses. */
class FopsTableMemoryTest {
    private static final int DEVT = Inode.mkdev(240, 0);

    /** A char device whose open installs a per-open table living in {@code table}. */
    private static Inode node(Kernel k, CdevMap map, FileOperations installed) {
        FileOperations stub = new FileOperations("stub_fops", null);
        stub.open = (inode, file) -> {
            file.replaceFops(installed);
            return 0;
        };
        map.add(Cdev.alloc(k, "drv", stub), DEVT, 1);
        return new Inode(DEVT);
    }

    private static List<Finding> uafs(Kernel k, String object) {
        return k.findingList().stream().filter(f -> f.kind() == Kind.UAF && f.object().equals(object)).toList();
    }

    @Test
    void releaseThatFreesItsOwnTable_isAUseAfterFree_atTheFopsPutThatFollows() {
        Kernel k = Kernels.onThreads();
        CdevMap map = new CdevMap(k);
        Cell ctx = k.memory().alloc("shim_ctx", "kzalloc");
        FileOperations shim = new FileOperations("shim_fops", null, ctx);
        shim.release = (inode, file) -> {
            k.memory().free(ctx, "shim release: kfree(ctx)");
            return 0;
        };
        File f = Vfs.open(k, node(k, map, shim), map).file();
        Vfs.close(f);
        List<Finding> found = uafs(k, ctx.name());
        assertEquals(1, found.size(), k.findingList().toString());
        assertTrue(found.get(0).sites().get(0).site().what().startsWith("fops_put"), found.toString());
    }

    @Test
    void callThroughATableInFreedMemory_isAUseAfterFree() {
        Kernel k = Kernels.onThreads();
        CdevMap map = new CdevMap(k);
        Cell ctx = k.memory().alloc("shim_ctx", "kzalloc");
        FileOperations shim = new FileOperations("shim_fops", null, ctx);
        shim.read = (file, count) -> count;
        File f = Vfs.open(k, node(k, map, shim), map).file();
        k.memory().free(ctx, "kfree(ctx)");
        Vfs.read(f, 8);
        List<Finding> found = uafs(k, ctx.name());
        assertTrue(found.stream().anyMatch(x -> x.sites().get(0).site().what().equals("read shim_fops.read")),
                k.findingList().toString());
    }

    @Test
    void staticTables_andLiveTables_areNeverFindings() {
        Kernel k = Kernels.onThreads();
        CdevMap map = new CdevMap(k);
        Cell ctx = k.memory().alloc("shim_ctx", "kzalloc");
        FileOperations shim = new FileOperations("shim_fops", null, ctx);
        shim.read = (file, count) -> count;
        File f = Vfs.open(k, node(k, map, shim), map).file();
        Vfs.read(f, 8);
        Vfs.close(f);
        k.memory().free(ctx, "kfree(ctx) after the last close");
        assertTrue(k.findingList().isEmpty(), k.findingList().toString());
    }

    @Test
    void releaseThatPutsTheDriversTableBack_hasThatTablePut_andTheFreedShimNeverRead() {
        Kernel k = Kernels.onThreads();
        CdevMap map = new CdevMap(k);
        dev.unbind.kernel.Module drv = dev.unbind.kernel.Module.load(k, "drv");
        FileOperations driverFops = new FileOperations("drv_fops", drv);
        Cell ctx = k.memory().alloc("shim_ctx", "kzalloc");
        FileOperations shim = new FileOperations("shim_fops", null, ctx);
        shim.release = (inode, file) -> {
            file.fop(driverFops); // restore, so the VFS's fops_put drops the driver's pin
            k.memory().free(ctx, "shim release: kfree(ctx)");
            return 0;
        };
        FileOperations stub = new FileOperations("stub_fops", null);
        stub.open = (inode, file) -> {
            assertTrue(Vfs.fopsGet(driverFops));
            file.replaceFops(driverFops);
            file.fop(shim);
            return 0;
        };
        map.add(Cdev.alloc(k, "drv", stub), DEVT, 1);
        File f = Vfs.open(k, new Inode(DEVT), map).file();
        assertEquals(1, drv.refs());
        Vfs.close(f);
        assertEquals(0, drv.refs(), "__fput put the table f_op points at after release");
        assertTrue(k.findingList().isEmpty(), k.findingList().toString());
    }
}
