package dev.unbind.subjects.cdev;

import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.Cdev;

/** The driver: cdev_init, cdev_sync_init, cdev_add; revoke, cdev_del, kfree in remove. */
final class SyncSketchDriver extends DaqDriver {
    private final CdevSyncSketch.AsPosted core;

    SyncSketchDriver(Kernel k, CdevSyncSketch.AsPosted core, Module owner, Chardev.Board board) {
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
        Cdev cdev = cdevFor(d, fops); // cdev_init(&d->cdev, &daq_fops)
        if (cdev == null) {
            kfreeState(d);
            return -Errno.ENOMEM;
        }
        int rc = core.cdevSyncInit(cdev);
        if (rc != 0) {
            putUnadded(cdev);
            kfreeState(d); // BUG (J5): a cdev_sync_data already allocated leaks: the sketch has nothing to free it
            return rc;
        }
        rc = core.cdevAdd(cdev, d.devt, 2);
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
        core.cdevSyncRevoke(d.cdev());
        destroyNodes(core, d);
        core.cdevDel(d.cdev());
        kfreeState(d); // BUG (J3): the cdev that release reaches through i_cdev is in here; BUG (J5): sync is never freed
    }
}
