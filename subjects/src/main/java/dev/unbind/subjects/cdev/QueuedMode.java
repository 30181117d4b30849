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


/**
 * cdev "queued mode", as posted: Dan Williams, "[PATCH 1/3] cdev: Finish the cdev api with queued
 * mode support", 2021-01-20 (PROTOCOLS.md §3(b)); the driver side follows the series' own
 * libnvdimm conversion (3/3): struct device and cdev embedded in the driver's struct, cdev_del
 * then put_device in remove.
 *
 * <p>A percpu_ref in struct cdev counts threads inside a driver handler. The core installs its
 * own fops (open and ioctl only), each taking percpu_ref_tryget_live around the driver's
 * struct cdev_operations handler; cdev_del kills the ref and waits, uninterruptibly, until the
 * handlers in flight have returned. Its rules:
 * <ol>
 *   <li>After cdev_del returns no thread is inside qops.open or qops.ioctl of the cdev, and later
 *       ones return -ENXIO without calling the driver (INV-Q1).</li>
 *   <li>The ref and its completion live in struct cdev: whatever frees the cdev's memory decides
 *       how long a file may look at them. Nothing here ties it to open files.</li>
 *   <li>Only open and ioctl exist; there is no read, write, poll, mmap or release hook.</li>
 *   <li>One ref for all minors of the cdev.</li>
 * </ol>
 * Where it breaks (§3(e)):
 * <pre>
 *   CPU0 (user, fd open)                     CPU1 (unbind)
 *                                            nvdimm-like remove
 *                                              cdev_del: unmap; kill; wait (nobody inside); exit
 *                                              put_device(&amp;d->dev) -&gt; kfree(d)  (cdev inside)
 *   ioctl(fd)
 *     cdev_queued_ioctl: cdev = inode->i_cdev
 *       percpu_ref_tryget_live(&amp;cdev->qactive)   &lt;-- UAF (defect 1)
 *
 *   ioctl(WAIT_EVENT) sleeps in the handler  cdev_del: wait_for_completion(qdead)   &lt;-- forever,
 *                                            and no signal helps (defect 3)
 * </pre>
 */
final class QueuedMode {
    static final Point PERCPU_REF_INIT = Point.fallible("cdev.queued.percpu_ref_init");
    static final Point DRAINING = Point.step("cdev.queued.cdev_del.draining");

    private QueuedMode() {
    }

    /** struct cdev_operations. */
    record CdevOperations(Open open, Ioctl ioctl) {
        @FunctionalInterface
        interface Open {
            int open(Cdev cdev, File file);
        }

        /** The argument is a {@code void __user *}: the core casts the integer to a pointer. */
        @FunctionalInterface
        interface Ioctl {
            long ioctl(Cdev cdev, File file, int cmd, long argPointer);
        }
    }

    /** What the patch adds to struct cdev; it lives in the cdev's memory. */
    static final class QueuedCdev {
        volatile CdevOperations qops;
        final PercpuRef qactive;
        volatile Completion qdead;
        volatile boolean qregistered;

        QueuedCdev(Kernel k, Cdev cdev) {
            this.qactive = new PercpuRef(k, "cdev.qactive", cdev.home());
        }
    }

    /** fs/char_dev.c with queued mode. */
    static final class Core extends CharDevCore {
        private final IdentitySlots<Cdev, QueuedCdev> queued = new IdentitySlots<>();
        /** cdev_queued_fops: .owner is fs/char_dev.c, built in. */
        final FileOperations cdevQueuedFops = new FileOperations("cdev_queued_fops", null);

        Core(Kernel k) {
            super(k);
            cdevQueuedFops.open = this::cdevQueuedOpen;
            cdevQueuedFops.unlockedIoctl = this::cdevQueuedIoctl;
            cdevQueuedFops.compatIoctl = Core::compatPtrIoctl;
            // BUG: no .read, .write, .poll, .mmap, and no .release for the driver (defect 2)
        }

        /** The fields in the cdev's memory; each access to them touches it where the C code reads them. */
        private QueuedCdev fields(Cdev cdev) {
            synchronized (queued) {
                QueuedCdev q = queued.get(cdev);
                if (q == null) {
                    q = new QueuedCdev(k, cdev);
                    queued.put(cdev, q);
                }
                return q;
            }
        }

        private long cdevQueuedIoctl(File file, int cmd, long arg) {
            Cdev cdev = file.inode().cdev();
            QueuedCdev q = fields(cdev);
            if (!q.qactive.tryGetLive()) { // BUG: the cdev may be freed memory by now (defect 1)
                return -Errno.ENXIO;
            }
            callDriver(cdev, "ioctl");
            long rc = q.qops.ioctl().ioctl(cdev, file, cmd, arg); // (void __user *) arg
            q.qactive.put();
            return rc;
        }

        private int cdevQueuedOpen(Inode inode, File file) {
            Cdev cdev = inode.cdev();
            QueuedCdev q = fields(cdev);
            if (!q.qactive.tryGetLive()) {
                return -Errno.ENXIO;
            }
            callDriver(cdev, "open");
            int rc = q.qops.open().open(cdev, file); // no check that the driver has an open
            q.qactive.put();
            return rc;
        }

        private static void callDriver(Cdev cdev, String op) {
            Module m = cdev.owner();
            if (m != null) {
                m.call("qops." + op);
            }
        }

        /**
         * compat_ptr_ioctl: the argument goes through compat_ptr(). That is the identity on
         * x86-64 and arm64; on s390 it clears bit 31, and the generic layer has to be right there
         * too, so the model takes s390's definition.
         */
        private static long compatPtrIoctl(File file, int cmd, long arg) {
            FileOperations f = file.fop();
            if (f.unlockedIoctl == null) {
                return -Errno.ENOTTY; // -ENOIOCTLCMD
            }
            return f.unlockedIoctl.ioctl(file, cmd, arg & 0x7FFF_FFFFL); // BUG: an integer argument loses bit 31 (defect 4)
        }

        private boolean qregistered(Cdev p) {
            p.home().touch("read cdev->qregistered");
            return fields(p).qregistered;
        }

        @Override
        FileOperations chrdevOpenFops(Cdev p) {
            if (qregistered(p)) {
                return cdevQueuedFops;
            }
            return super.chrdevOpenFops(p);
        }

        /** cdev_register_queued(cdev, dev, count, ops) = __cdev_register_queued(cdev, THIS_MODULE, ...). */
        int cdevRegisterQueued(Cdev cdev, Module owner, int dev, int count, CdevOperations qops) {
            if (qops.ioctl() == null || owner == null) {
                return -Errno.EINVAL; // BUG: a built-in driver (THIS_MODULE == NULL) can never register (defect 4)
            }
            cdev.reinit(null); // cdev_init(cdev, NULL) BUG: the memset forgets cdev_set_parent, and a cdev_alloc'd cdev's ktype (defects 1, 9)
            QueuedCdev q = fields(cdev);
            cdev.home().touch("write cdev->qops, owner, qregistered, qdead");
            q.qops = qops;
            cdev.owner(owner);
            q.qregistered = true;
            q.qdead = new Completion(k, "cdev.qdead", cdev.home()); // init_completion
            if (k.fails(PERCPU_REF_INIT)) {
                return -Errno.ENOMEM;
            }
            Completion dead = q.qdead;
            q.qactive.init(dead::complete); // cdev_queued_release
            int rc = cdevAdd(cdev, dev, count);
            if (rc != 0) {
                q.qactive.exit();
            }
            return rc;
        }

        @Override
        void cdevDel(Cdev cdev) {
            map.del(cdev); // cdev_unmap; kobject_put(&cdev->kobj)
            if (!qregistered(cdev)) {
                return;
            }
            QueuedCdev q = fields(cdev);
            q.qactive.kill();
            k.at(DRAINING);
            q.qdead.waitForCompletion(); // BUG: uninterruptible, and a handler asleep for an event is never woken (defect 3)
            q.qactive.exit();
        }
    }

    /** The driver, converted the way the series converts libnvdimm. */
    static final class Driver extends DaqDriver {
        private final Core core;
        // BUG: struct cdev_operations has open and ioctl only: daq_read and daq_release have no place (defect 2)
        private final CdevOperations qops = new CdevOperations(
                (cdev, f) -> open(deviceOf(cdev), f, exclusive(f.inode())),
                (cdev, f, cmd, arg) -> ioctl(f, cmd, arg));

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
            dev.initialize(() -> kfreeState(d)); // device_initialize: the last put_device frees struct daq
            d.dev(dev);
            if (!ioremap(d, pdev)) {
                dev.put();
                return -Errno.ENOMEM;
            }
            Cdev cdev = cdevFor(d, null);
            if (cdev == null) {
                dev.put();
                return -Errno.ENOMEM;
            }
            cdev.setParent(dev); // BUG: wiped by cdev_register_queued's cdev_init; after it, cdev_add has already run
            int rc = core.cdevRegisterQueued(cdev, owner, d.devt, 2, qops);
            if (rc != 0) {
                putUnadded(cdev);
                dev.put();
                return rc;
            }
            rc = createNodes(core, d);
            if (rc != 0) {
                core.cdevDel(cdev);
                dev.put();
                return rc;
            }
            drvdata = d;
            if (requestIrqFails(d)) {
                teardown(d);
                return -Errno.EBUSY;
            }
            return 0;
        }

        @Override
        void remove(DaqDevice d) {
            teardown(d);
        }

        private void teardown(DaqDevice d) {
            destroyNodes(core, d);
            core.cdevDel(d.cdev()); // drains the handlers in flight
            d.dev().put(); // BUG: frees struct daq, its cdev and qactive included, while files still reach them (defect 1)
        }
    }
}
