package dev.unbind.subjects.uio;

import dev.unbind.finding.Kind;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.List;

/**
 * The uio defect catalogue (PROTOCOLS.md §5(c), §5(e), §5(f)), one entry per defect and variant.
 * Defects of the uio core that a variant leaves unchanged are listed again under that variant.
 */
final class UioDefects {
    static final String MAINLINE = "uio.mainline";
    static final String LATE = "uio.late-release";
    static final String VMA = "uio.vma-refcount";
    static final String FAIL_ATTRIBUTES = "fail:uio.register.add_attributes";
    static final String FAIL_NETLINK = "fail:tcmu.configure.netlink_add_event";

    private UioDefects() {
    }

    static List<Defect> all() {
        List<Defect> all = new ArrayList<>();
        all.add(Defect.of(MAINLINE + ".tcmu-leak", MAINLINE, Kind.LEAK)
                .title("deleting a backstore while tcmu-runner has it open leaks the ring and the device")
                .because("uio_release does not call tcmu_release once unregister cleared idev->info, so the "
                        + "reference tcmu_open took is never dropped and the kref release that frees the ring never runs")
                .reference("PROTOCOLS.md §5(c) U1")
                .scenario("tcmu-lifecycle").object("tcmu_dev|tcmu_ring").build());
        all.add(lostRelease(MAINLINE));
        all.addAll(core(MAINLINE));

        all.add(Defect.of(LATE + ".late-release-after-unregister", LATE, Kind.FENCE)
                .title("uio calls the driver's late_release after uio_unregister_device returned")
                .because("a file closed after unregister now gets late_info->late_release, driver code run after "
                        + "the point Greg's rule says uio never calls back into the driver")
                .reference("PROTOCOLS.md §5(d) INV-U1, §5(e) Greg's objection 2")
                .scenario("tcmu-lifecycle").object("fence*uio_unregister_device returned").site("late_info->late_release")
                .build());
        all.add(Defect.of(LATE + ".late-info-freed", LATE, Kind.UAF)
                .title("late_release is reached through a uio_info the driver freed at remove")
                .because("late_info is a raw pointer into driver memory saved at unregister; a platform driver "
                        + "that adopts the hook keeps its uio_info devm-allocated, and devres frees it right after "
                        + "remove, before the last close calls late_release through it")
                .reference("PROTOCOLS.md §5(e) 2")
                .scenario("platform-remove-while-mapped").object("uio_plat_priv").build());
        all.addAll(core(LATE));

        all.add(lostRelease(VMA));
        all.addAll(core(VMA));
        return all;
    }

    /** The release a platform driver pairs with open, lost the same way as tcmu's. */
    private static Defect lostRelease(String variant) {
        return Defect.of(variant + ".lost-release-runtime-pm", variant, Kind.LEAK)
                .title("a platform driver's runtime-PM reference from open is never dropped when it is removed while open")
                .because("uio calls no release for a file closed after unregister, so the pm_runtime_put paired with "
                        + "open's pm_runtime_get never happens and the device can never suspend again")
                .reference("PROTOCOLS.md §5(c) U1, for any driver that pairs open with release; found by unbind "
                        + "(platform driver with runtime PM, uio_pdrv_genirq's pattern)")
                .scenario("platform-remove-while-mapped").object("runtime_pm*").build();
    }

    /** Defects of mainline's uio core, and of tcmu's configure error path before it was corrected. */
    private static List<Defect> core(String variant) {
        return List.of(
                Defect.of(variant + ".phys-mapping-survives", variant, Kind.UAF)
                        .title("a PHYS mapping keeps reaching the device's registers after remove")
                        .because("uio_mmap_physical installs permanent PTEs with remap_pfn_range and "
                                + "uio_unregister_device never zaps them, so user space keeps accessing MMIO that "
                                + "devres released after remove")
                        .reference("PROTOCOLS.md §5(e) 3")
                        .scenario("platform-remove-while-mapped").object("uio_plat_regs")
                        .site("user access through a PFN mapping*").build(),
                Defect.of(variant + ".notify-after-unregister", variant, Kind.UAF)
                        .title("uio_event_notify after unregister writes a freed uio_device")
                        .because("unregister leaves info->uio_dev pointing at idev, which device_unregister frees "
                                + "when no file is open; the driver's own interrupt, freed by devres only after "
                                + "remove returned, still notifies through it")
                        .reference("PROTOCOLS.md §5(e) 5")
                        .scenario("platform-irq-vs-remove").object("uio_device")
                        .site("atomic_inc(&idev->event)|wake_up(idev->wait)").build(),
                Defect.of(variant + ".idr-before-initialise", variant, Kind.REFCOUNT)
                        .title("an open through an existing node takes a reference on a uio_device not yet initialised")
                        .because("uio_get_minor publishes idev in the idr before device_initialize, so uio_open's "
                                + "get_device lands on a kobject whose count device_initialize then sets to 1: the "
                                + "opener's reference is lost and its put_device later frees a registered device")
                        .reference("PROTOCOLS.md §5(f), dev_set_name / device_add row")
                        .scenario("reprobe-reuses-minor").object("uio_device|uio*.kobj").build(),
                Defect.of(variant + ".idr-before-initialise-frees-registered", variant, Kind.UAF)
                        .title("the reference lost to an early open frees a uio_device that is still registered")
                        .because("the opener's put_device at close drops the count device_initialize set for the "
                                + "registration, so idev is freed while registered and its unregister then reads it")
                        .reference("PROTOCOLS.md §5(f), dev_set_name / device_add row; found by unbind (the consequence)")
                        .scenario("reprobe-reuses-minor").object("uio_device").build(),
                Defect.of(variant + ".info-left-set-on-failed-register", variant, Kind.FENCE)
                        .title("a file opened during a registration that fails keeps calling the driver")
                        .because("the error path after device_add removes the node and the minor but leaves "
                                + "idev->info set, so an fd opened in that window reaches info->mmap and "
                                + "info->release after the driver gave up on the device")
                        .reference("PROTOCOLS.md §5(f), sysfs attribute / request_irq row")
                        .scenario("open-during-configure").faults(FAIL_ATTRIBUTES)
                        .object("fence*__uio_register_device failed").build(),
                Defect.of(variant + ".configure-error-frees-mapped-ring", variant, Kind.UAF)
                        .title("tcmu's configure error path vfrees a ring tcmu-runner has already mapped")
                        .because("once uio_register_device returned the node is open to tcmu-runner; when the "
                                + "netlink add event then fails, err_netlink unregisters and falls into err_register's "
                                + "vfree of the ring, which a mapping made in that window still faults on")
                        .reference("found by unbind (fail-nth sweep of tcmu_configure_device); "
                                + "target_core_user.c err_netlink / err_register")
                        .scenario("open-during-configure").faults(FAIL_NETLINK).object("tcmu_ring").build());
    }
}
