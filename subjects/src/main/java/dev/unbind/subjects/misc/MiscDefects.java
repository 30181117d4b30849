package dev.unbind.subjects.misc;

import dev.unbind.finding.Kind;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.List;

/**
 * The misc defect catalogue (PROTOCOLS.md §2(c) and §2(e)), one entry per defect and variant: the
 * property it breaks, the scenario and faults that expose it, and how its findings look.
 *
 * <p>Not catalogued, because nothing here can check them: §2(e)1 (Jason's concrete code is
 * cdev-level; misc has no per-device cdev, so a cdev-level revoke would take every misc device
 * down — this family models his design in its misc form instead) and §2(e)2 (whether
 * misc_deregister itself should change, and refcounts versus a synchronous deregister: design
 * positions). The cost side of §2(e)2 — an SRCU grace period per deregister — shows up as remove
 * latency in the stress engine's figures, and its extreme, a grace period that never ends, as the
 * HANG entries below.
 */
final class MiscDefects {
    static final String BASELINE = "misc.deregister-only";
    static final String RWSEM = "misc.sync-rwsem";
    static final String SRCU = "misc.sync-srcu";
    static final String MUTEX = "misc.mutex-as-posted";
    static final String BRANCH = "misc.sync-register-srcu";
    static final String FAILING_OPEN = "fail:misc.chardev.open.kzalloc";

    /** The sites of cros_ec_chardev's release taking its notifier off the parent's chain. */
    private static final String PARENT_CHAIN = "*event_notifier*";
    /** The reader asleep in the driver: part of every hang of the blocked-reader scenarios. */
    private static final String ASLEEP = "|wait_event_interruptible(chardev_priv.wait_event)";
    /** The chardev's fops, as the fence names them. */
    private static final String FOPS = "cros_ec_chardev_read|cros_ec_chardev_ioctl|cros_ec_chardev_poll|cros_ec_chardev_open";

    private MiscDefects() {
    }

    static List<Defect> all() {
        List<Defect> all = new ArrayList<>(List.of(
                // ---- mainline: remove only calls misc_deregister
                Defect.of(BASELINE + ".inflight-xcmd", BASELINE, Kind.UAF)
                        .title("an XCMD on the bus finishes on the cros_ec_device the parent freed")
                        .because("misc_deregister returns at once, the MFD parent then frees its cros_ec_device, and "
                                + "the ioctl sleeping in cros_ec_cmd_xfer wakes up inside freed memory")
                        .reference("PROTOCOLS.md §2(c) M1")
                        .scenario("xcmd-vs-remove").object("cros_ec_device")
                        .site("cros_ec_cmd_xfer: CROS_EC_DEV_IOCXCMD (since*").build(),
                Defect.of(BASELINE + ".call-after-remove", BASELINE, Kind.UAF)
                        .title("read and ioctl on a still-open fd reach the freed cros_ec_device")
                        .because("nothing stands between an open file and the driver after misc_deregister, and "
                                + "chardev_priv points into the parent's cros_ec_device")
                        .reference("PROTOCOLS.md §2(c) M2")
                        .scenario("ops-after-remove").object("cros_ec_device")
                        .site("cros_ec_cmd_xfer*|mutex_lock(*ec_dev->lock)|mutex_unlock(*ec_dev->lock)").build(),
                Defect.of(BASELINE + ".close-after-remove", BASELINE, Kind.UAF)
                        .title("close after remove unregisters a notifier from the freed parent's chain")
                        .because("release takes the per-file notifier off ec_dev->event_notifier, which lives in "
                                + "the cros_ec_device the parent freed")
                        .reference("PROTOCOLS.md §2(c) M2")
                        .scenario("close-vs-remove").object("cros_ec_device").site(PARENT_CHAIN).build(),
                Defect.of(BASELINE + ".unfenced-fops", BASELINE, Kind.FENCE)
                        .title("driver fops run, or are still inside, after remove returned")
                        .because("misc_deregister neither waits for the fops in flight nor stops later ones: "
                                + "\"it doesn't fence the cdevs\"")
                        .reference("PROTOCOLS.md §2(c) M1/M2; S003 Jason Gunthorpe")
                        .scenario("ops-after-remove").site(FOPS).build(),
                Defect.of(BASELINE + ".notifier-after-remove", BASELINE, Kind.FENCE)
                        .title("an MKBP event runs the chardev's notifier after its remove returned")
                        .because("each open file's notifier block stays on the parent's event chain until the file "
                                + "closes, so the IRQ thread calls chardev code between the chardev's remove and the "
                                + "parent's free_irq")
                        .reference("PROTOCOLS.md §2(c) M3")
                        .scenario("event-vs-remove").site("cros_ec_chardev_mkbp_event").build(),

                // ---- misc_deregister_sync, rwsem flavour
                Defect.of(RWSEM + ".sleeping-read-blocks-remove", RWSEM, Kind.HANG)
                        .title("a read waiting for an MKBP event holds the read side, so remove waits forever")
                        .because("the shim holds the read side across the driver's read, which sleeps for an event "
                                + "the departing EC never sends, and nothing wakes it before down_write")
                        .reference("PROTOCOLS.md §2(e) 3")
                        .scenario("blocked-reader-vs-remove").site("down_write(misc_sync.sem)*" + ASLEEP).build()));
        all.addAll(leftBySyncFlavour(RWSEM));
        all.addAll(List.of(
                // ---- misc_deregister_sync, SRCU flavour
                Defect.of(SRCU + ".sleeping-read-blocks-remove", SRCU, Kind.HANG)
                        .title("a read waiting for an MKBP event never leaves its SRCU section, so the grace period never ends")
                        .because("the shim holds srcu_read_lock across the driver's read, which sleeps for an event "
                                + "the departing EC never sends; synchronize_srcu waits for it and nothing wakes it")
                        .reference("PROTOCOLS.md §2(e) 3")
                        .scenario("blocked-reader-vs-remove").site("synchronize_srcu(misc_sync.srcu)*" + ASLEEP).build()));
        all.addAll(leftBySyncFlavour(SRCU));
        all.addAll(List.of(
                // ---- Tzung-Bi's mutex variant, as posted
                Defect.of(MUTEX + ".unlocked-list-walk", MUTEX, Kind.UAF)
                        .title("find_miscdevice reads a miscdevice that remove unlinked and devres freed during the walk")
                        .because("every fop walks misc_list without misc_mtx or SRCU, so nothing keeps the entries "
                                + "it passes alive")
                        .reference("PROTOCOLS.md §2(e) 4")
                        .scenario("xcmd-vs-remove").object("miscdevice").site("read miscdevice->minor").build(),
                Defect.of(MUTEX + ".lookup-then-lock", MUTEX, Kind.UAF)
                        .title("a fop takes some_lock of a miscdevice freed since find_miscdevice returned it")
                        .because("the lookup takes no reference: deregister clears registered, remove returns, devres "
                                + "frees the struct holding the mutex, then the fop locks it")
                        .reference("PROTOCOLS.md §2(e) 5; S003 Tzung-Bi: \"UAF still happens when the dangling FD tries to access the miscdevice\"")
                        .scenario("xcmd-vs-remove").object("miscdevice")
                        .site("read miscdevice->fops|mutex_lock(*some_lock)|mutex_unlock(*some_lock)|read miscdevice->registered").build(),
                Defect.of(MUTEX + ".big-lock-sleeping-read", MUTEX, Kind.HANG)
                        .title("a read waiting for an MKBP event holds some_lock, so deregister (and every other fop) waits forever")
                        .because("one mutex per device serialises every fop of every file and misc_deregister, and "
                                + "the read sleeps inside it for an event that never comes")
                        .reference("PROTOCOLS.md §2(e) 6; S003 Tzung-Bi: \"it has a big lock between them\"")
                        .scenario("blocked-reader-vs-remove").site("mutex_lock(*some_lock)*" + ASLEEP).build(),
                Defect.of(MUTEX + ".module-ref-leak", MUTEX, Kind.LEAK)
                        .title("every open leaks a reference on cros_ec_chardev, so rmmod is refused forever")
                        .because("misc_open's fops_get pins the driver's module, then f_op is overwritten with "
                                + "misc_some_fops (no .owner) — also when the driver's open failed — so the VFS's "
                                + "fops_put drops nothing")
                        .reference("PROTOCOLS.md §2(e) 7")
                        .scenario("rmmod-vs-open").object("module cros_ec_chardev").build(),
                Defect.of(MUTEX + ".missing-ops", MUTEX, Kind.ERRNO)
                        .title("compat_ioctl of a driver that has one returns -ENOTTY")
                        .because("misc_some_fops has only poll, read, unlocked_ioctl and release; the driver's "
                                + "compat_ioctl (and any write, mmap, llseek) silently disappears")
                        .reference("PROTOCOLS.md §2(e) 7")
                        .scenario("ops-after-remove").site("compat_ioctl*").build(),
                Defect.of(MUTEX + ".poll-errno-as-mask", MUTEX, Kind.ERRNO)
                        .title("poll returns -ENODEV as a poll mask")
                        .because("misc_some_poll returns -ENODEV from a __poll_t function when the device is gone "
                                + "or unregistered")
                        .reference("found by unbind: ops after remove (misc_some_poll as posted)")
                        .scenario("ops-after-remove").site("poll*").build(),
                Defect.of(MUTEX + ".release-skipped", MUTEX, Kind.LEAK)
                        .title("a file closed after deregister never reaches the driver's release")
                        .because("release is re-found by minor like the other fops and returns -ENODEV once the "
                                + "device is unregistered, so chardev_priv, its queued events and its notifier block "
                                + "are never freed")
                        .reference("PROTOCOLS.md §2(b) (release \"analogous\" to the posted poll)")
                        .scenario("ops-after-remove").object("chardev_priv|ec_event").build(),
                Defect.of(MUTEX + ".notifier-after-remove", MUTEX, Kind.FENCE)
                        .title("an MKBP event runs the chardev's notifier after its remove returned")
                        .because("the driver is unchanged: each open file's notifier stays on the parent's chain, "
                                + "and after deregister its release never runs to take it off")
                        .reference("PROTOCOLS.md §2(c) M3")
                        .scenario("event-vs-remove").site("cros_ec_chardev_mkbp_event").build(),
                Defect.of(MUTEX + ".reused-minor", MUTEX, Kind.UAF)
                        .title("after a re-probe reuses the minor, the old fd is served by the new device with its stale private data")
                        .because("each call re-finds the device by the file's minor: the new, registered device "
                                + "passes the check and its driver runs with the old chardev_priv, which points into "
                                + "the freed cros_ec_device")
                        .reference("found by unbind: re-probe reusing the minor with an old fd")
                        .scenario("reprobe-reuses-minor").object("cros_ec_device").build(),
                Defect.of(MUTEX + ".reused-minor-unfenced", MUTEX, Kind.FENCE)
                        .title("after a re-probe reuses the minor, driver code runs for a file of the removed device")
                        .because("the registered check is made on whichever device now has the minor, not on the "
                                + "one the file was opened on")
                        .reference("found by unbind: re-probe reusing the minor with an old fd")
                        .scenario("reprobe-reuses-minor").site(FOPS).build(),

                // ---- misc_sync_register (misc_uaf branch)
                Defect.of(BRANCH + ".sleeping-read-blocks-remove", BRANCH, Kind.HANG)
                        .title("a read waiting for an MKBP event stays inside misc_srcu, so deregister's grace period never ends")
                        .because("the wrapper holds misc_srcu across the driver's read, and nothing wakes the reader "
                                + "before misc_deregister's synchronize_srcu")
                        .reference("PROTOCOLS.md §2(e) 3")
                        .scenario("blocked-reader-vs-remove").site("synchronize_srcu(misc_srcu)*" + ASLEEP).build(),
                Defect.of(BRANCH + ".global-srcu-stalls-other-remove", BRANCH, Kind.HANG)
                        .title("a read sleeping on /dev/cros_fp blocks the removal of the main EC")
                        .because("misc_srcu is one grace-period domain for every misc device: misc_deregister of "
                                + "any device waits for every wrapped fop in the system, once for itself and once "
                                + "more in the context's release when no file holds it")
                        .reference("PROTOCOLS.md §2(e) 8")
                        .scenario("other-device-reader-vs-remove").site("synchronize_srcu(misc_srcu)*" + ASLEEP).build(),
                Defect.of(BRANCH + ".global-srcu-stalls-close", BRANCH, Kind.HANG)
                        .title("closing the last fd of a removed device waits for a read sleeping on another device")
                        .because("the context's release runs synchronize_srcu(misc_srcu) in close, so close waits "
                                + "for every wrapped fop in the system")
                        .reference("PROTOCOLS.md §2(e) 8")
                        .scenario("other-device-reader-vs-close").site("synchronize_srcu(misc_srcu)*" + ASLEEP).build(),
                Defect.of(BRANCH + ".publication-race", BRANCH, Kind.UAF)
                        .title("a file opened before sync_ctx was published keeps the raw fops and reaches the freed EC after remove")
                        .because("misc_sync_register publishes the context after misc_register listed the device; an "
                                + "open in between gets the driver's own table, which nothing fences")
                        .reference("PROTOCOLS.md §2(e) 9")
                        .scenario("open-vs-probe").object("cros_ec_device").build(),
                Defect.of(BRANCH + ".publication-race-unfenced", BRANCH, Kind.FENCE)
                        .title("a file opened before sync_ctx was published runs the driver's read after remove")
                        .because("its f_op is the driver's own table: no wrapper, no reference on the context")
                        .reference("PROTOCOLS.md §2(e) 9")
                        .scenario("open-vs-probe").site("cros_ec_chardev_read").build(),
                Defect.of(BRANCH + ".poll-unwrapped", BRANCH, Kind.FENCE)
                        .title("poll still calls the driver after remove returned")
                        .because("only read, unlocked_ioctl and compat_ioctl are wrapped; the memcpy'd table keeps the "
                                + "driver's poll (and would keep write, mmap)")
                        .reference("PROTOCOLS.md §2(e) 10")
                        .scenario("ops-after-remove").site("cros_ec_chardev_poll").build(),
                Defect.of(BRANCH + ".ctx-reference-leak", BRANCH, Kind.LEAK)
                        .title("a failed open leaks its reference on the sync context, and with it the minor")
                        .because("misc_open takes the file's kref on the context before the driver's open, and only "
                                + "misc_sync_release drops it — which a failed open never gets")
                        .reference("found by unbind: fail-nth on the driver's open; PROTOCOLS.md §2(f)")
                        .scenario("xcmd-vs-remove").faults(FAILING_OPEN).object("miscdevice_sync_ctx").build(),
                Defect.of(BRANCH + ".release-misses-context", BRANCH, Kind.LEAK)
                        .title("a close racing deregister finds no context and skips the driver's release")
                        .because("misc_deregister unlinks the device, waits a grace period, and only then parks the "
                                + "context on misc_sync_ctx_list; a release in between finds it on neither list, "
                                + "returns -ENOENT and never calls the driver")
                        .reference("found by unbind: close racing remove")
                        .scenario("close-vs-remove").object("chardev_priv|chardev_pdata").build()));
        return List.copyOf(all);
    }

    /**
     * What misc_deregister_sync leaves in both flavours, whichever read side (rwsem or SRCU) fences
     * the fops: release, the notifier and the shim's own lifetime are outside the fence.
     */
    private static List<Defect> leftBySyncFlavour(String variant) {
        return List.of(
                Defect.of(variant + ".release-touches-parent", variant, Kind.UAF)
                        .title("release after remove unregisters the notifier from the freed parent's chain")
                        .because("release is unfenced by design and cros_ec_chardev's release is not memory-only: "
                                + "it touches the parent's cros_ec_device (INV-MS2 unmet by the unchanged driver)")
                        .reference("PROTOCOLS.md §2(d) INV-MS2, §2(c) M2")
                        .scenario("close-vs-remove").object("cros_ec_device").site(PARENT_CHAIN).build(),
                Defect.of(variant + ".notifier-after-remove", variant, Kind.FENCE)
                        .title("an MKBP event runs the chardev's notifier after its remove returned")
                        .because("misc_deregister_sync fences the fops only; the per-file notifier blocks stay on "
                                + "the parent's chain until the files close")
                        .reference("PROTOCOLS.md §2(c) M3")
                        .scenario("event-vs-remove").site("cros_ec_chardev_mkbp_event").build(),
                Defect.of(variant + ".shim-freed-before-fops_put", variant, Kind.UAF)
                        .title("the last close frees the shim table f_op points at; __fput's fops_put then reads it")
                        .because("the shim table is embedded in the sync object the files refcount, and the shim's "
                                + "release drops the last reference without pointing f_op elsewhere")
                        .reference("found by unbind: close after remove (and a failed open racing remove)")
                        .scenario("close-vs-remove").object("misc_sync").site("fops_put*").build(),
                Defect.of(variant + ".poll-errno-as-mask", variant, Kind.ERRNO)
                        .title("poll on a revoked device returns -ENODEV as a poll mask")
                        .because("the generated wrappers return -ENODEV from every entry, poll included, whose "
                                + "return type is __poll_t")
                        .reference("found by unbind: ops after remove")
                        .scenario("ops-after-remove").site("poll*").build());
    }
}
