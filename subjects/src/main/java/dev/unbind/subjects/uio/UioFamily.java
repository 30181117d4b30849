package dev.unbind.subjects.uio;

import dev.unbind.kernel.KernelPoints;
import dev.unbind.kernel.Point;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.ErrnoRule;
import dev.unbind.subject.Family;
import dev.unbind.subject.LincheckFacade;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The uio family: registered with ServiceLoader. */
public final class UioFamily implements Family<Uio> {
    /**
     * Lincheck: 20 interleavings per pinned scenario (about 0.1 s of CPU each); a random exploration of
     * one small seeded scenario, 20 interleavings (a uio invocation sets up and tears down two devices).
     */
    private static final LincheckFacade LINCHECK = LincheckFacade.of(UioFacade.class, UioContract.class, 20, 1, 20);
    private static final List<Variant<Uio>> VARIANTS = List.of(
            new Variant<>("uio.mainline", "uio as mainline has it, with tcmu before its 2021 fix",
                    "uio_unregister_device clears idev->info and never calls the driver again, so a file closed after "
                            + "it gets no release: tcmu's per-open reference and a platform driver's runtime-PM "
                            + "reference leak. Also mainline: the idr entry published before device_initialize, "
                            + "idev->info left set by a failed registration, PHYS mappings kept after unregister, "
                            + "uio_event_notify through a stale info->uio_dev, tcmu's configure error path.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new UioModel(k, UioSubject.Mainline::new, TcmuSubject.PreFix::new, PlatformUio::new)),
            new Variant<>("uio.late-release", "Bodo Stroesser's late_release, as posted (seed 002)",
                    "uio_unregister_device saves info as late_info; uio_release calls late_info->late_release for a "
                            + "file closed afterwards. tcmu installs its release as late_release, and so does a "
                            + "platform driver whose uio_info is devm-allocated. The leaks are gone; uio now calls "
                            + "the driver after unregister returned, through memory the driver may have freed.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new UioModel(k, UioSubject.LateRelease::new, TcmuSubject.LateReleaseUser::new,
                            PlatformUio.LateReleaseAdopter::new)),
            new Variant<>("uio.vma-refcount", "the merged tcmu fix: one tcmu_dev reference per VMA, uio unchanged",
                    "tcmu takes its reference in mmap and vm_ops open and drops it in vm_ops close; open and release "
                            + "no longer touch it. tcmu no longer leaks; every uio-core residual stays, and so does "
                            + "the lost release of any other driver that pairs open with release.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new UioModel(k, UioSubject.Mainline::new, TcmuSubject.VmaRefcount::new, PlatformUio::new)),
            new Variant<>("uio.fenced", "the merged tcmu fix on a corrected uio core",
                    "uio publishes the idr entry last; unregister and a failed registration pay each open file's "
                            + "release while the driver is there, then clear info under info_lock; PHYS PTEs are "
                            + "inserted at fault time and zapped after info is cleared; info->uio_dev is cleared and an "
                            + "RCU grace period waited for before the device reference goes. tcmu's configure error "
                            + "path leaves the ring to its kref.",
                    Expectation.KEEPS_EVERY_PROPERTY,
                    k -> new UioModel(k, UioSubject.Fenced::new, TcmuSubject.Fenced::new, PlatformUio::new)));

    @Override
    public String id() {
        return "uio";
    }

    @Override
    public String title() {
        return "UIO: uio_unregister_device, late_release, tcmu's VMA reference";
    }

    @Override
    public String summary() {
        return "A uio device is unregistered while user space has it open, mapped or asleep in read: a tcmu "
                + "backstore deleted under tcmu-runner, a platform device unbound. Compared: mainline uio with "
                + "pre-fix tcmu, Bodo Stroesser's late_release (rejected: Greg's rule that uio never calls the "
                + "driver after unregister is checked as a fence), the merged per-VMA tcmu reference, and a "
                + "corrected core. Not checkable as behaviour, so recorded here rather than as properties: Greg's "
                + "objections that two close hooks firing at the same time is the wrong interface, that file and "
                + "device lifetimes are independent, and that tcmu should not be a uio driver at all; and "
                + "§5(e) 1, late_release being per file — with tcmu's OPEN bit and a runtime-PM driver that "
                + "counts per file it is exactly right, and INV-U5 (one of release or late_release per open) "
                + "is checked by both drivers' reference counts. §5(e) 4 (tcmu's vm_ops are not guarded by uio) is "
                + "safe exactly while INV-U4 holds, which fork-then-delete checks; §5(e) 12 (uio's own irq "
                + "handler) is not exercised, both drivers owning their interrupt; DMA_COHERENT maps are not "
                + "modelled (they share §5(e) 3 with PHYS).";
    }

    @Override
    public List<Variant<Uio>> variants() {
        return VARIANTS;
    }

    @Override
    public List<Scenario<Uio>> scenarios() {
        return UioScenarios.all();
    }

    @Override
    public List<Defect> defects() {
        return UioDefects.all();
    }

    @Override
    public ReadSide<Uio> readSide() {
        return UioScenarios.readSide();
    }

    @Override
    public List<Point> points() {
        List<Point> all = new ArrayList<>(Point.declaredIn(UioCore.class));
        all.addAll(Point.declaredIn(UioFops.class));
        all.addAll(Point.declaredIn(TcmuDriver.class));
        all.addAll(Point.declaredIn(PlatformUio.class));
        all.addAll(Point.declaredIn(KernelPoints.class));
        return all;
    }

    @Override
    public LincheckFacade lincheck() {
        return LINCHECK;
    }

    @Override
    public Set<String> teardownOps() {
        return Set.of("remove", "delete", "close", "rmmod");
    }

    @Override
    public List<ErrnoRule> errnoContract() {
        return UioModel.CONTRACT;
    }
}
