package dev.unbind.subjects.cdev;

import dev.unbind.kernel.KernelPoints;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.fs.CdevMap;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Family;
import dev.unbind.subject.LincheckFacade;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The cdev-level fences: queued mode and the cdev_sync sketch. Registered with ServiceLoader. */
public final class CdevFamily implements Family<Chardev> {
    /** Lincheck: 20 interleavings per pinned scenario; a random exploration of 2 small scenarios, 10 each. */
    private static final LincheckFacade LINCHECK = LincheckFacade.of(CdevFacade.class, CdevContract.class, 20, 2, 10);
    private static final List<Variant<Chardev>> VARIANTS = List.of(
            new Variant<>("cdev.plain", "cdev_init + cdev_add; remove calls cdev_del, then kfree",
                    "The cdev layer before any fix: open files keep calling the driver's fops after cdev_del, and "
                            + "the driver frees the state that embeds its cdev while they do (PROTOCOLS.md §3(c)).",
                    Expectation.SHOWS_ITS_DEFECTS,
                    CdevModel.of(CharDevCore::new, PlainCdev.Driver::new)),
            new Variant<>("cdev.queued-as-posted", "cdev_register_queued: percpu_ref around open and ioctl, cdev_del drains",
                    "Dan Williams' queued mode as posted (2021): core fops with percpu_ref_tryget_live around the "
                            + "driver's open and ioctl, cdev_del kills and waits uninterruptibly; the driver follows the "
                            + "series' libnvdimm conversion (cdev_del, then put_device).",
                    Expectation.SHOWS_ITS_DEFECTS,
                    CdevModel.of(QueuedMode.Core::new, QueuedMode.Driver::new)),
            new Variant<>("cdev.sync-sketch-as-posted", "Jason Gunthorpe's rwsem cdev_sync sketch, exactly as posted",
                    "union { ops; sync } and is_sync in struct cdev, a killable read lock in the sync open, a write "
                            + "lock in revoke (seed 003). The is_sync test is inverted, so the union is read as the wrong "
                            + "member for every char device.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    CdevModel.of(CdevSyncSketch.AsPosted::new, SyncSketchDriver::new)),
            new Variant<>("cdev.sync-sketch-is-sync-uninverted", "the sketch with its is_sync test un-inverted (J1)",
                    "The first cumulative repair: chrdev_open takes the sync fops for sync cdevs only. The sync open "
                            + "is reached, and meets what cdev_sync_init left undone (J4).",
                    Expectation.SHOWS_ITS_DEFECTS,
                    CdevModel.of(CdevSyncSketch.IsSyncUninverted::new, SyncSketchDriver::new)),
            new Variant<>("cdev.sync-sketch-init-completed", "the sketch with J1 and cdev_sync_init's omissions (J4) repaired",
                    "The second cumulative repair: init_rwsem, orig_fops saved before the union is overwritten, a "
                            + "return value, fops_get checked. The sync open now calls itself through filp->f_op (J2).",
                    Expectation.SHOWS_ITS_DEFECTS,
                    CdevModel.of(CdevSyncSketch.InitCompleted::new, SyncSketchDriver::new)),
            new Variant<>("cdev.sync-sketch-self-call-fixed", "the sketch with J1, J4 and the self call repaired",
                    "The third cumulative repair: the sync open calls the driver's open. What is left is the sketch's "
                            + "design: f_op stays sync_fops (no read, no ioctl), release reaches sync through i_cdev, "
                            + "revoke waits for sleepers it never wakes, and nothing frees sync.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    CdevModel.of(CdevSyncSketch.SelfCallFixed::new, SyncSketchDriver::new)),
            new Variant<>("cdev.fenced", "a cdev fence over every fop, tied to the files' memory, that wakes sleepers first",
                    "Queued mode corrected: the fence lives in a cdev that pins the driver's struct device, every fop "
                            + "goes through it, release always reaches the driver (memory only), remove marks the device "
                            + "dead and wakes sleepers before it revokes, no ioctl/owner requirement, no compat conversion.",
                    Expectation.KEEPS_EVERY_PROPERTY,
                    CdevModel.of(FencedCdev.Core::new, FencedCdev.Driver::new)));

    @Override
    public String id() {
        return "cdev";
    }

    @Override
    public String title() {
        return "cdev: queued mode (Dan Williams) and the cdev_sync sketch (Jason Gunthorpe)";
    }

    @Override
    public String summary() {
        return "A char device is removed while user space holds its files open, sleeps in its fops or reopens it "
                + "through a cached inode. Compared: the cdev layer before any fix, Dan Williams' queued mode as posted, "
                + "Jason Gunthorpe's rwsem sketch as posted with three cumulative repairs (each defect hides the next), "
                + "and a corrected cdev-level fence. Design objections with no behaviour to check (naming, duplication "
                + "of procfs/debugfs managed ops, what the cdev kobject is for) are listed in the catalogue's notes.";
    }

    @Override
    public List<Variant<Chardev>> variants() {
        return VARIANTS;
    }

    @Override
    public List<Scenario<Chardev>> scenarios() {
        return CdevScenarios.all();
    }

    @Override
    public List<Defect> defects() {
        return CdevDefects.all();
    }

    @Override
    public ReadSide<Chardev> readSide() {
        return CdevScenarios.readSide();
    }

    @Override
    public List<Point> points() {
        List<Point> all = new ArrayList<>(Point.declaredIn(CharDevCore.class));
        all.addAll(Point.declaredIn(DaqDriver.class));
        all.addAll(Point.declaredIn(QueuedMode.class));
        all.addAll(Point.declaredIn(CdevSyncSketch.class));
        all.addAll(Point.declaredIn(FencedCdev.class));
        all.add(CdevMap.CDEV_ADD);
        all.addAll(Point.declaredIn(KernelPoints.class));
        return all;
    }

    @Override
    public LincheckFacade lincheck() {
        return LINCHECK;
    }

    @Override
    public Set<String> teardownOps() {
        return Set.of("remove", "close", "rmmod");
    }
}
