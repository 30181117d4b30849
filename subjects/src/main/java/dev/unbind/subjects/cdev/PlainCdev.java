package dev.unbind.subjects.cdev;

import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.Cdev;

/**
 * The cdev layer before any fix: a driver embeds its cdev in its state, registers it with
 * cdev_init + cdev_add, and its remove calls cdev_del and frees the state.
 *
 * <p>fs/char_dev.c says it in cdev_del's comment: the cdev can no longer be opened, "however any
 * cdevs already open will remain and their fops will still be callable even after cdev_del
 * returns" (PROTOCOLS.md §3(c)). So every driver has to open-code its own shutdown
 * synchronisation, and most do not:
 *
 * <pre>
 *   CPU0 (user, fd open)                     CPU1 (unbind)
 *   ioctl(GET_STATUS)
 *     daq_ioctl: d = client->dev
 *                                            daq_remove
 *                                              device_destroy; cdev_del(&amp;d->cdev)
 *                                              kfree(d)
 *                                            devres: iounmap(regs)
 *     readl(d->regs)          &lt;-- UAF (C1)
 *   ioctl(GET_STATUS) again   &lt;-- UAF, and driver code after remove returned (C2)
 *   close(fd)
 *     __fput: daq_release: list_del(&amp;client->node)   &lt;-- UAF
 *             cdev_put(inode->i_cdev): kobject_put  &lt;-- UAF: the cdev was inside d (C3)
 * </pre>
 *
 * C3 is the embedded cdev without a parent: cdev_device_add (or cdev_set_parent before
 * cdev_add) makes the cdev pin the struct device whose memory embeds both, which is exactly
 * what this driver lacks. A sleeper in read or in the single-open open is freed under its feet.
 */
final class PlainCdev {
    private PlainCdev() {
    }

    /** The pre-fix driver: cdev_init + cdev_add, kfree in remove. */
    static final class Driver extends DaqDriver {
        private final CharDevCore core;

        Driver(Kernel k, CharDevCore core, Module owner, Chardev.Board board) {
            super(k, owner, board);
            this.core = core;
        }

        @Override
        int probe(Device pdev) {
            DaqDevice d = allocState();
            if (d == null) {
                return -Errno.ENOMEM;
            }
            if (!ioremap(d, pdev)) {
                kfreeState(d);
                return -Errno.ENOMEM;
            }
            Cdev cdev = cdevFor(d, fops); // BUG: no cdev_set_parent: nothing ties struct daq to the files of its cdev
            if (cdev == null) {
                kfreeState(d);
                return -Errno.ENOMEM;
            }
            int rc = core.cdevAdd(cdev, d.devt, 2);
            if (rc != 0) {
                putUnadded(cdev);
                kfreeState(d);
                return rc;
            }
            rc = createNodes(core, d);
            if (rc != 0) {
                core.cdevDel(cdev);
                kfreeState(d);
                return rc;
            }
            drvdata = d;
            if (requestIrqFails(d)) {
                teardown(d); // BUG: a file opened through the visible nodes keeps using d
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
            core.cdevDel(d.cdev()); // BUG: open files keep calling daq_fops after this returns
            kfreeState(d); // BUG: freed while open files, in-flight fops and sleepers still use it
        }
    }
}
