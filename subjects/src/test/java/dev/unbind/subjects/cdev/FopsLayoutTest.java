package dev.unbind.subjects.cdev;

import dev.unbind.sched.Kernels;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.fs.FileOperations;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FopsLayoutTest {
    @Test
    void fileOperationsOffsets_areThoseOfV612OnX8664() {
        assertEquals(24, FopsLayout.offsetOf("read"));
        assertEquals(72, FopsLayout.offsetOf("poll"));
        assertEquals(80, FopsLayout.offsetOf("unlocked_ioctl"));
        assertEquals(104, FopsLayout.offsetOf("open"));
        assertEquals(120, FopsLayout.offsetOf("release"));
    }

    @Test
    void anOrdinaryTableRead48BytesIn_putsItsPollWhereReadIsLookedFor_andNothingWhereOpenAndIoctlAre() {
        assertEquals("poll", FopsLayout.memberAt(FopsLayout.offsetOf("read") + FopsLayout.SYNC_FOPS));
        assertEquals("get_unmapped_area", FopsLayout.memberAt(FopsLayout.offsetOf("open") + FopsLayout.SYNC_FOPS));
        assertEquals("fsync", FopsLayout.memberAt(FopsLayout.offsetOf("unlocked_ioctl") + FopsLayout.SYNC_FOPS));

        Module m = Module.load(Kernels.onThreads(), "drv");
        FileOperations real = new FileOperations("drv_fops", m);
        real.open = (i, f) -> 0;
        real.read = (f, n) -> n;
        real.poll = f -> 1;
        real.unlockedIoctl = (f, c, a) -> 0;
        FileOperations seen = FopsLayout.syncFopsOf(real);

        assertNull(seen.owner, "write_iter, NULL, is where owner is looked for: fops_get pins nothing");
        assertNull(seen.open);
        assertNull(seen.unlockedIoctl);
        assertSame(real.poll, FopsLayout.word(real, "poll"));
        assertThrows(IllegalStateException.class, () -> seen.read.read(null, 8),
                "read(2) would call the driver's poll with read's arguments, which no scenario does");
    }

    @Test
    void aSyncDataReadAsFileOperations_hasNoOpenReadOrIoctl_andSemCountForOwner() {
        FileOperations syncFops = new FileOperations("sync_fops", null);
        syncFops.open = (i, f) -> 0;
        syncFops.release = (i, f) -> 0;
        FopsLayout.SyncDataWords zeroed = new FopsLayout.SyncDataWords() {
            @Override
            public long semCount() {
                return 0;
            }

            @Override
            public boolean waitListInitialised() {
                return false;
            }

            @Override
            public FileOperations origFops() {
                return null;
            }

            @Override
            public FileOperations syncFops() {
                return syncFops;
            }
        };
        FileOperations seen = FopsLayout.opsOf(zeroed, "cdev_sync_data#1");

        assertEquals("iopoll", FopsLayout.memberAt(FopsLayout.offsetOf("open") - FopsLayout.SYNC_FOPS));
        assertNull(seen.open, "open lands on sync_fops.iopoll");
        assertNull(seen.read, "read lands on the never-initialised sem.wait_list");
        assertNull(seen.unlockedIoctl, "unlocked_ioctl lands on sync_fops.write");
        assertNull(seen.release, "release lands on sync_fops.poll");
        assertEquals(0, FopsLayout.ownerWordOf(zeroed));
    }
}
