package dev.unbind.subjects.cdev;

import dev.unbind.kernel.IdentitySlots;
import dev.unbind.kernel.Completion;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.PercpuRef;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.Cdev;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;

import java.util.function.ToLongFunction;

/**
 * A corrected cdev-level fence: queued mode's percpu_ref, with what the posted series and the
 * sketch lack (PROTOCOLS.md §3(e), §3(e'), §7). It must keep every property.
 *
 * <pre>
 *   CPU0 (user, fd open)                     CPU1 (unbind)
 *   read(fd) sleeps in daq_read              daq_remove
 *     (inside the fence)                       d->dead = true; wake_up_all(readq, openq)
 *     woken: dead -&gt; -ENODEV, leaves           cdev_fence_revoke: kill; wait (ends: everyone woke)
 *   ioctl(fd)                                  device_del; cdev_del; put_device(&amp;d->dev)
 *     cdev_fenced_ioctl: tryget_live fails
 *     -&gt; -ENXIO (the cdev is alive: the file pins it, it pins d->dev)
 *   close(fd): daq_release (memory only); cdev_put -&gt; put_device -&gt; kfree(d)
 * </pre>
 * Its rules:
 * <ol>
 *   <li>The fence lives in struct cdev and cdev_fence_init does not memset it, so it composes with
 *       cdev_set_parent: the cdev pins the struct device whose release frees the driver's state,
 *       and every file pins the cdev. Nothing a file can reach is freed before its last close.</li>
 *   <li>Every fop goes through the fence (open, read, write, poll, both ioctls, mmap). Release is
 *       the exception: it always reaches the driver, and the driver's release only frees memory.</li>
 *   <li>Remove marks the device dead and wakes its sleepers before it revokes; the revoke then
 *       kills the ref and waits for the calls in flight, which all end.</li>
 *   <li>The core's fops are built in; cdev_get pins the driver's module (cdev->owner) for as long
 *       as a file exists, so release can still call into it.</li>
 *   <li>No ioctl or owner requirement, and the driver's compat_ioctl is called as it is: no
 *       pointer conversion of integer arguments.</li>
 * </ol>
 */
final class FencedCdev {
    static final Point PERCPU_REF_INIT = Point.fallible("cdev.fence.percpu_ref_init");
    static final Point DRAINING = Point.step("cdev.fence.revoke.draining");

    private FencedCdev() {
    }

    /** struct cdev_fence, inside struct cdev. */
    static final class CdevFence {
        final PercpuRef active;
        final Completion drained;
        volatile boolean on;

        CdevFence(Kernel k, Cdev cdev) {
            this.active = new PercpuRef(k, "cdev.fence.active", cdev.home());
            this.drained = new Completion(k, "cdev.fence.drained", cdev.home());
        }
    }

    /** fs/char_dev.c with the fence. */
    static final class Core extends CharDevCore {
        private final IdentitySlots<Cdev, CdevFence> fences = new IdentitySlots<>();
        /** cdev_fenced_fops: built in. */
        final FileOperations cdevFencedFops = new FileOperations("cdev_fenced_fops", null);

        Core(Kernel k) {
            super(k);
            cdevFencedFops.open = this::fencedOpen;
            cdevFencedFops.read = (f, n) -> inside(f, "read", -Errno.ENXIO, ops -> ops.read == null ? -Errno.EINVAL : ops.read.read(f, n));
            cdevFencedFops.write = (f, n) -> inside(f, "write", -Errno.ENXIO, ops -> ops.write == null ? -Errno.EINVAL : ops.write.write(f, n));
            cdevFencedFops.poll = f -> (int) inside(f, "poll", Errno.EPOLLERR | Errno.EPOLLHUP,
                    ops -> ops.poll == null ? Errno.DEFAULT_POLLMASK : ops.poll.poll(f));
            cdevFencedFops.unlockedIoctl = (f, cmd, arg) -> inside(f, "unlocked_ioctl", -Errno.ENXIO,
                    ops -> ops.unlockedIoctl == null ? -Errno.ENOTTY : ops.unlockedIoctl.ioctl(f, cmd, arg));
            cdevFencedFops.compatIoctl = (f, cmd, arg) -> inside(f, "compat_ioctl", -Errno.ENXIO,
                    ops -> ops.compatIoctl == null ? -Errno.ENOTTY : ops.compatIoctl.ioctl(f, cmd, arg));
            cdevFencedFops.mmap = (f, vma) -> (int) inside(f, "mmap", -Errno.ENXIO,
                    ops -> ops.mmap == null ? -Errno.ENODEV : ops.mmap.mmap(f, vma));
            cdevFencedFops.release = this::fencedRelease;
        }

        private CdevFence fence(Cdev p) {
            p.home().touch("read cdev->fence");
            synchronized (fences) {
                CdevFence f = fences.get(p);
                if (f == null) {
                    f = new CdevFence(k, p);
                    fences.put(p, f);
                }
                return f;
            }
        }

        @Override
        FileOperations chrdevOpenFops(Cdev p) {
            if (fence(p).on) {
                return cdevFencedFops;
            }
            return super.chrdevOpenFops(p);
        }

        private int fencedOpen(Inode inode, File f) {
            Cdev p = inode.cdev();
            CdevFence fc = fence(p);
            if (!fc.active.tryGetLive()) {
                return -Errno.ENXIO;
            }
            FileOperations ops = p.ops();
            int rc = 0;
            if (ops.open != null) {
                enterDriver(ops, "open");
                rc = ops.open.open(inode, f);
            }
            fc.active.put();
            return rc;
        }

        /** A fop inside the fence: {@code whenRevoked} without calling the driver once it is revoked. */
        private long inside(File f, String op, long whenRevoked, ToLongFunction<FileOperations> call) {
            Cdev p = f.inode().cdev();
            CdevFence fc = fence(p);
            if (!fc.active.tryGetLive()) {
                return whenRevoked;
            }
            FileOperations ops = p.ops();
            enterDriver(ops, op);
            long rc = call.applyAsLong(ops);
            fc.active.put();
            return rc;
        }

        /** Release always reaches the driver, revoked or not: it only frees memory (rule 2). */
        private int fencedRelease(Inode inode, File f) {
            FileOperations ops = inode.cdev().ops();
            if (ops.release == null) {
                return 0;
            }
            enterDriver(ops, "release");
            return ops.release.release(inode, f);
        }

        private static void enterDriver(FileOperations ops, String op) {
            if (ops.owner != null) {
                ops.owner.call(ops.name + "." + op);
            }
        }

        /** cdev_fence_init: after cdev_init and cdev_set_parent, before cdev_add; 0 or -ENOMEM. */
        int cdevFenceInit(Cdev p) {
            CdevFence fc = fence(p);
            if (k.fails(PERCPU_REF_INIT)) {
                return -Errno.ENOMEM;
            }
            fc.active.init(fc.drained::complete);
            fc.on = true;
            return 0;
        }

        /** cdev_fence_exit: undoes init when cdev_add failed. */
        void cdevFenceExit(Cdev p) {
            fence(p).active.exit();
        }

        /** cdev_fence_revoke: no fop reaches the driver any more, and none is still inside it. */
        void cdevFenceRevoke(Cdev p) {
            CdevFence fc = fence(p);
            fc.active.kill();
            k.at(DRAINING);
            fc.drained.waitForCompletion(); // bounded: the driver woke its sleepers first (rule 3)
            fc.active.exit();
        }
    }

    /** The driver on the fence. */
    static final class Driver extends DaqDriver {
        private final Core core;

        Driver(Kernel k, Core core, Module owner, Chardev.Board board) {
            super(k, owner, board);
            this.core = core;
        }

        @Override
        int probe(Device pdev) {
            DaqDevice d = allocState();
            if (d == null) {
                return -Errno.ENOMEM;
            }
            Device dev = new Device(k, board.node, d.mem, pdev);
            dev.initialize(() -> kfreeState(d)); // FIX: struct daq is freed by its device's release, at the last reference
            d.dev(dev);
            if (!ioremap(d, pdev)) {
                dev.put();
                return -Errno.ENOMEM;
            }
            Cdev cdev = cdevFor(d, fops);
            if (cdev == null) {
                dev.put();
                return -Errno.ENOMEM;
            }
            cdev.setParent(dev); // FIX: the cdev pins the device, and every file pins the cdev (rule 1)
            int rc = core.cdevFenceInit(cdev);
            if (rc != 0) {
                putUnadded(cdev);
                dev.put();
                return rc;
            }
            rc = core.cdevAdd(cdev, d.devt, 2);
            if (rc != 0) {
                core.cdevFenceExit(cdev);
                putUnadded(cdev);
                dev.put();
                return rc;
            }
            rc = createNodes(core, d);
            if (rc != 0) {
                core.cdevFenceRevoke(cdev); // no node ever appeared: nobody to wake
                core.cdevDel(cdev);
                dev.put();
                return rc;
            }
            drvdata = d;
            if (requestIrqFails(d)) {
                teardown(d); // FIX: a file opened through the visible nodes is fenced off like after remove
                return -Errno.EBUSY;
            }
            return 0;
        }

        @Override
        void remove(DaqDevice d) {
            teardown(d);
        }

        private void teardown(DaqDevice d) {
            d.dead(true); // FIX: sleepers see the device gone...
            d.readq.wakeUp();
            d.openq.wakeUp(); // ...and are woken before the revoke waits for them (rule 3)
            core.cdevFenceRevoke(d.cdev());
            destroyNodes(core, d);
            core.cdevDel(d.cdev());
            d.dev().put(); // FIX: frees struct daq only once the last file closed
        }
    }
}
