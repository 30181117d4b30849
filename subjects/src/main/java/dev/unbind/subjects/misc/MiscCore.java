package dev.unbind.subjects.misc;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.CdevMap;
import dev.unbind.kernel.fs.DevFs;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.Misc;
import dev.unbind.kernel.fs.MiscDevice;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vfs;

import java.util.HashMap;
import java.util.Map;

/**
 * drivers/char/misc.c as mainline has it (the harness's {@link Misc}), plus what user space sees
 * of it: udev's {@code /dev/<name>} for each class device. Every variant of misc.c in this family
 * extends it; {@link #newMiscDevice} is where a variant adds fields to struct miscdevice.
 */
@dev.unbind.code.Core
class MiscCore extends Misc {
    /** /dev/&lt;name&gt; → minor, as udev names the nodes device_create makes. */
    private final Map<String, Integer> nodes = new HashMap<>();

    MiscCore(Kernel k) {
        super(k, new CdevMap(k), new DevFs());
    }

    /** struct miscdevice as this misc.c defines it, in the driver's memory {@code home}. */
    MiscDevice newMiscDevice(Cell home, String name, FileOperations fops, Device parent) {
        return new MiscDevice(home, name, DYNAMIC_MINOR, fops, parent);
    }

    @Override
    public int deviceCreate(MiscDevice misc) {
        int rc = super.deviceCreate(misc);
        if (rc == 0) {
            synchronized (nodes) {
                nodes.put(misc.name(), misc.minor());
            }
        }
        return rc;
    }

    @Override
    public void deviceDestroy(MiscDevice misc) {
        synchronized (nodes) {
            nodes.remove(misc.name());
        }
        super.deviceDestroy(misc);
    }

    /** open("/dev/&lt;name&gt;"): -ENOENT when udev has no such node. */
    OpenResult openByName(String name) {
        Integer minor;
        synchronized (nodes) {
            minor = nodes.get(name);
        }
        if (minor == null) {
            return OpenResult.error(-Errno.ENOENT);
        }
        return Vfs.openPath(kernel, devfs, map, Inode.mkdev(MISC_MAJOR, minor));
    }

    Kernel kernel() {
        return kernel;
    }

    /** A call through entry {@code op} of {@code f} (what the VFS does before calling it). */
    static void callThrough(FileOperations f, String op) {
        f.touch("read " + f.name + "." + op);
        if (f.owner != null) {
            f.owner.call(f.name + "." + op);
        }
    }
}
