package dev.unbind.subjects.misc;

import dev.unbind.kernel.KernelPoints;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.fs.Misc;
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

/** The misc_deregister_sync family: registered with ServiceLoader. */
public final class MiscFamily implements Family<MiscChardev> {
    /**
     * Lincheck: 40 interleavings per pinned scenario (one invocation builds, probes and opens a whole
     * EC machine); a random exploration of 2 small scenarios, 15 each.
     */
    private static final LincheckFacade LINCHECK = LincheckFacade.of(MiscFacade.class, MiscContract.class, 40, 2, 15);
    private static final List<Variant<MiscChardev>> VARIANTS = List.of(
            new Variant<>("misc.deregister-only", "cros_ec_chardev's remove only calls misc_deregister",
                    "Mainline: misc_deregister neither waits for nor stops open files; the per-file state points "
                            + "into the parent's cros_ec_device, which the parent frees right after unbinding the "
                            + "chardev; release unregisters a notifier from the parent's chain.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new MiscModel(k, MiscCore::new, MiscSubject.DeregisterOnly::new)),
            new Variant<>("misc.sync-rwsem", "misc_deregister_sync, rwsem flavour (Jason Gunthorpe)",
                    "A per-device shim whose every fop takes an rwsem's read side and calls the driver only while "
                            + "alive; deregister takes the write side. Release is unfenced; the sync object is "
                            + "refcounted by the files. The driver is unchanged but for the two _sync calls.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new MiscModel(k, MiscSyncCore.Rwsem::new, MiscSubject.DeregisterSync::new)),
            new Variant<>("misc.sync-srcu", "misc_deregister_sync, SRCU flavour (Jason Gunthorpe)",
                    "The same shim over a per-device SRCU: alive = false, then synchronize_srcu.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new MiscModel(k, MiscSyncCore.SrcuFlavour::new, MiscSubject.DeregisterSync::new)),
            new Variant<>("misc.mutex-as-posted", "per-device mutex + registered flag, device re-found by minor (Tzung-Bi Shih, Dec 2025)",
                    "As posted: misc_some_fops installed after the driver's open, every call re-finds the device by "
                            + "minor with an unlocked list walk, then takes its some_lock and checks registered.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new MiscModel(k, MiscMutexCore::new, MiscSubject.MutexAsPosted::new)),
            new Variant<>("misc.sync-register-srcu", "misc_sync_register over a global misc_srcu (misc_uaf branch)",
                    "An opt-in sync context (kref, wrapped read/ioctl/compat_ioctl, misc_sync_release) published "
                            + "after misc_register; wrappers re-find the device by minor under one global SRCU; the "
                            + "minor is freed at the last close. Driver reworked with refcounted data and a relay notifier.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new MiscModel(k, MiscSyncRegisterCore::new, MiscSubject.SyncRegisterSrcu::new)),
            new Variant<>("misc.fenced", "a fenced misc_deregister_sync: dead + wake before the fence, refcounted shim",
                    "The rwsem shim wrapping every fop, f_op restored to the driver's table before the file's "
                            + "reference on the shim is dropped, poll masks only; the driver keeps its data "
                            + "refcounted by the files, one relay on the parent's chain, and marks the device dead "
                            + "and wakes every sleeper before it fences.",
                    Expectation.KEEPS_EVERY_PROPERTY,
                    k -> new MiscModel(k, MiscFencedCore::new, MiscSubject.Fenced::new)));

    @Override
    public String id() {
        return "misc";
    }

    @Override
    public String title() {
        return "misc: misc_deregister_sync and the misc variants (cros_ec_chardev)";
    }

    @Override
    public String summary() {
        return "An EC is unbound while /dev/cros_ec is open, an XCMD is on the bus, a read waits for an MKBP "
                + "event or the fd is closed. Compared: mainline misc_deregister, Jason Gunthorpe's "
                + "misc_deregister_sync in its rwsem and SRCU flavours, Tzung-Bi Shih's mutex variant as posted, "
                + "the misc_uaf branch's misc_sync_register, and a fenced deregister that keeps every property.";
    }

    @Override
    public List<Variant<MiscChardev>> variants() {
        return VARIANTS;
    }

    @Override
    public List<Scenario<MiscChardev>> scenarios() {
        return MiscScenarios.all();
    }

    @Override
    public List<Defect> defects() {
        return MiscDefects.all();
    }

    @Override
    public ReadSide<MiscChardev> readSide() {
        return MiscScenarios.readSide();
    }

    @Override
    public List<Point> points() {
        List<Point> all = new ArrayList<>();
        for (Class<?> c : List.of(EcDevice.class, MiscModel.class, CrosEcChardev.class, RelayChardev.class,
                MiscSyncCore.class, MiscSyncCore.SrcuFlavour.class, MiscMutexCore.class, MiscSyncRegisterCore.class,
                Misc.class, KernelPoints.class)) {
            for (Point p : Point.declaredIn(c)) {
                if (all.stream().noneMatch(q -> q.name().equals(p.name()))) {
                    all.add(p);
                }
            }
        }
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
