package dev.unbind.kernel.fs;

import dev.unbind.sched.Kernels;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MiscTest {
    private final Kernel k = Kernels.onThreads();
    private final Misc misc = new Misc(k, new CdevMap(k), new DevFs());

    private MiscDevice device(String name) {
        FileOperations fops = new FileOperations(name + "_fops", null);
        return new MiscDevice(k.memory().alloc("miscdevice", "kzalloc"), name, Misc.DYNAMIC_MINOR, fops, null);
    }

    @Test
    void minorReuse_bumpsTheGeneration() {
        MiscDevice a = device("a");
        assertEquals(0, misc.register(a));
        int minor = a.minor();
        misc.deregister(a);
        MiscDevice b = device("b");
        assertEquals(0, misc.register(b));
        assertEquals(minor, b.minor(), "the lowest free minor is reused");
        assertEquals(2, misc.minors().generation(minor));
    }

    @Test
    void open_findsTheDeviceByMinor_andInstallsItsFops() {
        MiscDevice a = device("a");
        misc.register(a);
        OpenResult r = misc.openMinor(a.minor());
        assertTrue(r.ok());
        assertSame(a.fops(), r.file().fop());
        assertSame(a, r.file().privateData());
    }

    @Test
    void openAfterDeregister_byPath_isEnoent_andThroughTheOldInode_isEnodev() {
        MiscDevice a = device("a");
        misc.register(a);
        File f = misc.openMinor(a.minor()).file();
        misc.deregister(a);
        assertEquals(-Errno.ENOENT, misc.openMinor(a.minor()).rc());
        assertEquals(-Errno.ENODEV, Vfs.open(k, f.inode(), misc.map()).rc());
        assertTrue(k.findingList().isEmpty());
    }

    @Test
    void deviceCreateFailure_freesTheMinor_andRestoresDynamic() {
        Kernel kf = Kernels.onThreadsBuilder().faults(dev.unbind.fault.FaultSpec.parse("fail:kernel.misc_register.device_create")).build();
        Misc m = new Misc(kf, new CdevMap(kf), new DevFs());
        MiscDevice a = new MiscDevice(kf.memory().alloc("miscdevice", "kzalloc"), "a", Misc.DYNAMIC_MINOR,
                new FileOperations("a_fops", null), null);
        assertEquals(-Errno.ENOMEM, m.register(a));
        assertEquals(Misc.DYNAMIC_MINOR, a.minor());
        assertTrue(kf.findingList().isEmpty());
    }
}
