package dev.unbind.subjects.cdev;

import dev.unbind.finding.Kind;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.List;

/**
 * The cdev defect catalogue (PROTOCOLS.md §3(c), §3(e), §3(e')), one entry per defect and
 * variant: the property it breaks, the scenario and faults that expose it, and how its findings
 * look.
 *
 * <p>Not entries, because nothing in them can be checked by running the code:
 * <ul>
 *   <li>§3(e) 5: the name "queued" and the duplication of the managed ops procfs and debugfs
 *       already have (Christoph Hellwig), and §3(e) 6: what the cdev kobject is for and whether
 *       cdev and struct device should be tied (Greg Kroah-Hartman). Design objections.</li>
 *   <li>§3(e) 7, queued mode's one percpu_ref for all minors of a cdev, and J6, the sketch's
 *       revoke on misc's one cdev: the cost appears only in a core that multiplexes independently
 *       removable devices over one cdev (misc, which the misc family models). A driver can give
 *       each of its devices its own cdev under either API, so modelling a multiplexer here would
 *       test the core's choice, not the API.</li>
 *   <li>In the sketch, release returning void and revoke returning nothing are type and
 *       -Werror=return-type errors: the VFS ignores release's value and the only caller of revoke
 *       ignores it, so neither has an effect at run time. cdev_sync_init's missing return value
 *       does: its caller checks it ({@code no-return-value} below). The missing NULL check of
 *       fops_get is reached only through orig_fops being NULL while cdev->owner is set (cdev_get
 *       pins the module first), so it shows as {@code orig-fops-never-stored}.</li>
 *   <li>Read in the posted queued mode but not modelled: cdev_queued_open calls qops->open without
 *       checking it, while only ioctl is mandatory, so a driver with an ioctl and no open would
 *       oops at every open. The daq driver has an open.</li>
 * </ul>
 */
final class CdevDefects {
    static final String PLAIN = "cdev.plain";
    static final String QUEUED = "cdev.queued-as-posted";
    static final String SKETCH = "cdev.sync-sketch-as-posted";
    static final String UNINVERTED = "cdev.sync-sketch-is-sync-uninverted";
    static final String INIT = "cdev.sync-sketch-init-completed";
    static final String SELF_CALL = "cdev.sync-sketch-self-call-fixed";

    static final String FAILING_REGISTER = "fail:cdev.driver.probe.request_irq";
    static final String GARBAGE_RETURN = "fail:cdev.sync.cdev_sync_init.no-return-value";
    static final String FAILING_CDEV_ADD = "fail:kernel.cdev_add";
    /** Whatever a driver fop, the VFS or the cdev core reads of struct daq. */
    private static final String STATE = "daq";
    /** The cdev's own fields inside struct daq: its kobject, ops, and what the patches add. */
    private static final String CDEV_FIELDS = "kref_*(daq?.kobj)|read cdev->*|percpu_ref_*(cdev.qactive)";

    private CdevDefects() {
    }

    static List<Defect> all() {
        List<Defect> all = new ArrayList<>();
        all.addAll(plain());
        all.addAll(queued());
        all.addAll(sketch());
        return all;
    }

    private static List<Defect> plain() {
        return List.of(
                Defect.of(PLAIN + ".ioctl-in-flight", PLAIN, Kind.UAF)
                        .title("an ioctl inside the driver when remove frees its state and devres unmaps its registers")
                        .because("cdev_del does not wait for fops in flight, so the register read of an ioctl that "
                                + "began before remove runs on memory remove and devres free underneath it")
                        .reference("PROTOCOLS.md §3(c) C1")
                        .scenario("ioctl-vs-remove").object("mmio|" + STATE).site("cdev.driver.hw-access").build(),
                Defect.of(PLAIN + ".fops-after-cdev-del", PLAIN, Kind.UAF)
                        .title("ioctl and read on an fd opened before remove run the driver on freed state")
                        .because("after cdev_del \"any cdevs already open will remain and their fops will still be "
                                + "callable\", and the driver has freed the state they use")
                        .reference("PROTOCOLS.md §3(c) C2")
                        .scenario("ops-after-remove").object("mmio|" + STATE).site("daq_*|GET_STATUS*|read daq->*|write daq->*|wait_event*|list_*|wake_up*").build(),
                Defect.of(PLAIN + ".fops-run-after-remove", PLAIN, Kind.FENCE)
                        .title("driver fops still run after remove returned")
                        .because("nothing between an open file and the driver's table checks that the device is gone")
                        .reference("PROTOCOLS.md §3(c) C2")
                        .scenario("ops-after-remove").build(),
                Defect.of(PLAIN + ".embedded-cdev-unpinned", PLAIN, Kind.UAF)
                        .title("the cdev embedded in freed state is still reached through the cached inode and at the last close")
                        .because("without cdev_set_parent nothing ties the memory embedding the cdev to its files: "
                                + "inode->i_cdev dangles, and both a reopen and __fput's cdev_put touch its kobject")
                        .reference("PROTOCOLS.md §3(c) C3")
                        .scenario("reopen-after-remove").object(STATE).site(CDEV_FIELDS).build(),
                Defect.of(PLAIN + ".sleeper-freed", PLAIN, Kind.UAF)
                        .title("a read asleep for a sample wakes into freed memory")
                        .because("remove neither wakes nor waits for the sleeper, and frees the wait queue and state "
                                + "it sleeps on")
                        .reference("PROTOCOLS.md §3(c) C1, §7 observations")
                        .scenario("blocked-reader-vs-remove").object(STATE).site("cdev.driver.about-to-sleep").build(),
                Defect.of(PLAIN + ".register-failure-window", PLAIN, Kind.UAF)
                        .title("an fd opened while a failing probe had its nodes visible runs the driver on freed state")
                        .because("probe's error path after the nodes appeared is the same cdev_del and kfree as remove")
                        .reference("PROTOCOLS.md §8 12")
                        .scenario("open-during-failing-register").faults(FAILING_REGISTER).object("mmio|" + STATE).build());
    }

    private static List<Defect> queued() {
        return List.of(
                Defect.of(QUEUED + ".cdev-memory-not-tied-to-files", QUEUED, Kind.UAF)
                        .title("after remove, the struct that embedded the cdev is freed while files reach it: qactive in an ioctl, the kobject at close")
                        .because("cdev_register_queued memsets the cdev and adds it itself, so the driver's "
                                + "cdev_set_parent is wiped and put_device frees the cdev while files still reach it "
                                + "through inode->i_cdev")
                        .reference("PROTOCOLS.md §3(e) 1")
                        .scenario("ops-after-remove").object(STATE).site(CDEV_FIELDS).build(),
                Defect.of(QUEUED + ".only-open-and-ioctl", QUEUED, Kind.ERRNO)
                        .title("read on a live device returns -EINVAL: the driver's read has no place in queued mode")
                        .because("cdev_queued_fops has only open and ioctl, and struct cdev_operations nothing else")
                        .reference("PROTOCOLS.md §3(e) 2")
                        .scenario("read-vs-remove").object("read on *").build(),
                Defect.of(QUEUED + ".no-release", QUEUED, Kind.LEAK)
                        .title("what the driver's open allocates for a file is never freed")
                        .because("queued mode has no release hook, so per-file state allocated in qops.open leaks at "
                                + "every close")
                        .reference("PROTOCOLS.md §3(e) 2")
                        .scenario("ioctl-vs-remove").object("daq_client").build(),
                Defect.of(QUEUED + ".sleeping-handler-hangs-remove", QUEUED, Kind.HANG)
                        .title("an ioctl asleep for an event makes cdev_del wait forever, unkillably")
                        .because("cdev_del waits uninterruptibly for qactive to drain, and nothing wakes a handler "
                                + "waiting for an event the departed device will never raise")
                        .reference("PROTOCOLS.md §3(e) 3")
                        .scenario("blocked-ioctl-vs-remove").build(),
                Defect.of(QUEUED + ".owner-mandatory", QUEUED, Kind.ERRNO)
                        .title("a driver built into the kernel cannot register: -EINVAL")
                        .because("__cdev_register_queued refuses a NULL owner, and THIS_MODULE is NULL in built-in code")
                        .reference("PROTOCOLS.md §3(e) 4")
                        .scenario("builtin-driver").object("probe of daq1").build(),
                Defect.of(QUEUED + ".compat-ptr-on-integer-argument", QUEUED, Kind.ERRNO)
                        .title("a 32-bit caller's integer argument loses bit 31")
                        .because("compat_ioctl is always compat_ptr_ioctl, which converts the argument with "
                                + "compat_ptr: on s390 that clears bit 31 of what is not a pointer")
                        .reference("PROTOCOLS.md §3(e) 4")
                        .scenario("compat-ioctl").object("compat_ioctl(SET_FLAGS)*").build(),
                Defect.of(QUEUED + ".cdev-alloc-leaks", QUEUED, Kind.LEAK)
                        .title("a cdev_alloc'd cdev is never freed")
                        .because("cdev_register_queued's cdev_init resets the kobject to the default ktype, whose "
                                + "release does not free the memory")
                        .reference("PROTOCOLS.md §3(e) 9")
                        .scenario("allocated-cdev").object("cdev").build(),
                Defect.of(QUEUED + ".register-failure-window", QUEUED, Kind.UAF)
                        .title("an fd opened while a failing probe had its nodes visible reads qactive in freed memory")
                        .because("the error path drains and deletes the cdev, then put_device frees it, while the fd "
                                + "opened in the window still reaches it through inode->i_cdev")
                        .reference("PROTOCOLS.md §3(f), §3(e) 1")
                        .scenario("open-during-failing-register").faults(FAILING_REGISTER).object(STATE).build());
    }

    private static List<Defect> sketch() {
        return List.of(
                // ---- exactly as posted
                Defect.of(SKETCH + ".inverted-is-sync", SKETCH, Kind.ERRNO)
                        .title("every char device opens but then answers -ENOTTY and -EINVAL, its driver never called")
                        .because("the is_sync test is inverted: an ordinary cdev's own table is read 48 bytes in as a "
                                + "sync_fops, a sync cdev's cdev_sync_data as file_operations, and neither has the "
                                + "entries where open, read and ioctl are looked for")
                        .reference("PROTOCOLS.md §3(e') J1")
                        .scenario("ordinary-device").site("*-> -ENOTTY|*-> -EINVAL").build(),
                Defect.of(SKETCH + ".union-owner-is-sem-count", SKETCH, Kind.NULL_DEREF)
                        .title("an open during revoke takes sem.count for a module pointer")
                        .because("read as file_operations, a cdev_sync_data's owner is its rwsem's count, which is 1 "
                                + "while revoke holds the write side: fops_get dereferences address 1")
                        .reference("PROTOCOLS.md §3(e') J1; found by unbind (open racing revoke)")
                        .scenario("open-killed-during-remove").object("cdev_sync_data as file_operations").build(),
                Defect.of(SKETCH + ".no-return-value", SKETCH, Kind.ERRNO)
                        .title("probe fails with the low half of a pointer when cdev_sync_init falls off its end")
                        .because("cdev_sync_init has no return statement, so its caller reads whatever the return "
                                + "register holds")
                        .reference("PROTOCOLS.md §3(e') J4")
                        .scenario("ioctl-vs-remove").faults(GARBAGE_RETURN).object("probe of *").build(),
                Defect.of(SKETCH + ".sync-never-freed", SKETCH, Kind.LEAK)
                        .title("every cdev_sync_data leaks")
                        .because("nothing in the sketch frees it: not revoke, not a release, not an error path")
                        .reference("PROTOCOLS.md §3(e') J5")
                        .scenario("ioctl-vs-remove").object("cdev_sync_data").build(),
                Defect.of(SKETCH + ".cdev-memory-not-tied-to-files", SKETCH, Kind.UAF)
                        .title("the cdev freed after revoke is still reached through the cached inode and at the last close")
                        .because("the sketch leaves the cdev's memory to the driver, which frees it once revoke "
                                + "returned; a reopen and __fput's cdev_put reach it through inode->i_cdev")
                        .reference("PROTOCOLS.md §3(e') J3, §3(c) C3")
                        .scenario("reopen-after-remove").object(STATE).build(),

                // ---- J1 repaired
                Defect.of(UNINVERTED + ".orig-fops-never-stored", UNINVERTED, Kind.NULL_DEREF)
                        .title("every open of a sync cdev dereferences NULL in cdev_sync_open")
                        .because("cdev_sync_init never sets orig_fops (and overwrote ops, its only source), so "
                                + "fops_get(sync->orig_fops) is NULL and fops->open is not checked")
                        .reference("PROTOCOLS.md §3(e') J4")
                        .scenario("ioctl-vs-remove").object("cdev_sync_open: fops->open*").build(),
                Defect.of(UNINVERTED + ".rwsem-never-initialised", UNINVERTED, Kind.NULL_DEREF)
                        .title("the first waiter on sync->sem queues on a NULL wait list")
                        .because("cdev_sync_init never calls init_rwsem: uncontended locking works on zeroed memory, "
                                + "but revoke waiting behind a reader (or an open behind revoke) dereferences NULL")
                        .reference("PROTOCOLS.md §3(e') J4")
                        .scenario("ioctl-vs-remove").object("rwsem cdev_sync_data.sem").build(),
                Defect.of(UNINVERTED + ".no-return-value", UNINVERTED, Kind.ERRNO)
                        .title("probe fails with the low half of a pointer when cdev_sync_init falls off its end")
                        .because("cdev_sync_init has no return statement")
                        .reference("PROTOCOLS.md §3(e') J4")
                        .scenario("ioctl-vs-remove").faults(GARBAGE_RETURN).object("probe of *").build(),
                Defect.of(UNINVERTED + ".sync-never-freed", UNINVERTED, Kind.LEAK)
                        .title("a cdev_sync_data leaks when probe fails after cdev_sync_init")
                        .because("there is no call that frees it")
                        .reference("PROTOCOLS.md §3(e') J5")
                        .scenario("ioctl-vs-remove").faults(GARBAGE_RETURN).object("cdev_sync_data").build(),
                Defect.of(UNINVERTED + ".cdev-memory-not-tied-to-files", UNINVERTED, Kind.UAF)
                        .title("an open that took its cdev reference before remove reads the cdev after the driver freed it")
                        .because("chrdev_open holds a reference on the cdev's kobject, but the memory around it is the "
                                + "driver's, freed once revoke returned")
                        .reference("PROTOCOLS.md §3(e') J3, §3(c) C3; found by unbind (stress, open racing remove)")
                        .scenario("open-killed-during-remove").object(STATE).build(),

                // ---- J1 and J4 repaired
                Defect.of(INIT + ".open-calls-itself", INIT, Kind.HANG)
                        .title("cdev_sync_open recurses through filp->f_op->open until the stack overflows")
                        .because("f_op is the sync_fops chrdev_open installed, so the call meant for the driver's open "
                                + "re-enters cdev_sync_open, each level taking sync->sem for read; the dead task keeps "
                                + "them, so revoke then waits forever")
                        .reference("PROTOCOLS.md §3(e') J2")
                        .scenario("ioctl-vs-remove").object("cdev_sync_open recursion|run").build(),
                Defect.of(INIT + ".sync-never-freed", INIT, Kind.LEAK)
                        .title("a cdev_sync_data leaks when probe fails after cdev_sync_init")
                        .because("there is no call that frees it")
                        .reference("PROTOCOLS.md §3(e') J5")
                        .scenario("ioctl-vs-remove").faults(FAILING_CDEV_ADD).object("cdev_sync_data").build(),
                Defect.of(INIT + ".cdev-memory-not-tied-to-files", INIT, Kind.UAF)
                        .title("an open waiting behind revoke drops its cdev reference in memory the driver freed")
                        .because("the open holds a reference on the cdev's kobject while it waits for sync->sem, but "
                                + "the driver frees the memory around it once revoke returned")
                        .reference("PROTOCOLS.md §3(e') J3, §3(c) C3; found by unbind (stress, open racing revoke)")
                        .scenario("open-killed-during-remove").object(STATE).build(),

                // ---- J1, J4 and the self call repaired: the sketch's design
                Defect.of(SELF_CALL + ".fops-not-switched", SELF_CALL, Kind.ERRNO)
                        .title("after open, read and ioctl on a live device return -EINVAL and -ENOTTY")
                        .because("f_op stays sync_fops, which has only open and release (\"// ..\"): the driver's read "
                                + "and ioctl are never reached, and were they added each would have to take the read side")
                        .reference("PROTOCOLS.md §3(e') J2")
                        .scenario("ioctl-vs-remove").site("*-> -ENOTTY|*-> -EINVAL").build(),
                Defect.of(SELF_CALL + ".release-through-i-cdev", SELF_CALL, Kind.UAF)
                        .title("a close after remove reads sync through the freed cdev, then runs the driver's release on freed state")
                        .because("cdev_sync_release finds sync through inode->i_cdev, whose memory the driver freed "
                                + "after revoke; nothing ties it to the struct device or the file")
                        .reference("PROTOCOLS.md §3(e') J3")
                        .scenario("close-vs-remove").object(STATE).site("read cdev->ops/sync|daq_release*|list_del*|*excl_holder|wake_up(daq.openq)").build(),
                Defect.of(SELF_CALL + ".cdev-memory-not-tied-to-files", SELF_CALL, Kind.UAF)
                        .title("the cdev freed after revoke is still reached through the cached inode")
                        .because("a reopen through /proc/self/fd finds the cdev through inode->i_cdev and takes a "
                                + "reference on its kobject in freed memory")
                        .reference("PROTOCOLS.md §3(e') J3, §3(c) C3")
                        .scenario("reopen-after-remove").object(STATE).site(CDEV_FIELDS).build(),
                Defect.of(SELF_CALL + ".revoke-waits-for-sleepers", SELF_CALL, Kind.HANG)
                        .title("revoke waits forever for an open asleep in the driver")
                        .because("the driver's open sleeps inside the read side, and revoke's down_write wakes nobody")
                        .reference("PROTOCOLS.md §3(e') J5")
                        .scenario("blocked-open-vs-remove").build(),
                Defect.of(SELF_CALL + ".sync-never-freed", SELF_CALL, Kind.LEAK)
                        .title("every cdev_sync_data leaks")
                        .because("nothing in the sketch frees it")
                        .reference("PROTOCOLS.md §3(e') J5")
                        .scenario("ioctl-vs-remove").object("cdev_sync_data").build());
    }
}
