package dev.unbind.subjects.media;

import dev.unbind.finding.Kind;
import dev.unbind.subject.Defect;

import java.util.List;

/**
 * The media defect catalogue (PROTOCOLS.md §1(c), §1(e), §1(f)), one entry per defect and variant:
 * the property it breaks, the scenario and faults that expose it, and how its findings look.
 *
 * <p>Checked and not catalogued, because they hold or have no checkable behaviour:
 * <ul>
 *   <li>§1(c) B2 — after remove, mainline's calls return -EIO / EPOLLERR|EPOLLHUP / -ENXIO
 *       ({@code ops-after-remove}, {@code reopen-after-remove} check the contract): it holds, and
 *       it holds in both modes of the series too.</li>
 *   <li>§1(e)4 — list_del_init(&amp;mdev->fh_list) at unregister: modelled with real list
 *       pointers; it detaches the head and leaves the handles in a headless ring, and every later
 *       list_del touches only live neighbours, so it is memory safe in refcounted mode. Its only
 *       effect is that the list no longer names the open handles, which nothing in the series
 *       reads. (In compat mode the harm comes from close skipping list_del, catalogued below.)</li>
 *   <li>§1(e)5 — the compat ref as policy (it hides unconverted drivers, "bogus"/"ugly") and
 *       §1(e)6 — v2's patch ordering and the media_device_get interface: review objections, not
 *       behaviour.</li>
 *   <li>§1(f) module unload with an open fd: cdev->owner pins the driver and fops_get pins mc, so
 *       ref->release and ops->release are always callable ({@code rmmod-vs-close},
 *       {@code rmmod-vs-open} check it).</li>
 * </ul>
 */
final class MediaDefects {
    static final String PRE = "media.pre-series";
    static final String REF = "media.refcounted";
    static final String COMPAT = "media.compat-ref";

    static final String MINOR_EXHAUSTED = "fail:media.devnode.register.find_free_minor";
    static final String DEVICE_ADD_FAILS = "fail:kernel.cdev_device_add.device_add";
    static final String CDEV_ADD_FAILS = "fail:kernel.cdev_add";

    /** Where a file operation is once it passed its registered test. */
    private static final String IN_FLIGHT_FOP = "media.devnode.fop.after-registered-check|media.device.ioctl.graph-walk"
            + "|media.driver.link_notify.hw-access";

    private MediaDefects() {
    }

    static List<Defect> all() {
        return List.of(
                // ---- mainline
                Defect.of(PRE + ".inflight-ioctl-null-media-dev", PRE, Kind.NULL_DEREF)
                        .title("an ioctl that passed the REGISTERED test dereferences devnode->media_dev after unregister cleared it")
                        .because("__media_ioctl tests REGISTERED without a lock and nothing holds unregister off afterwards, "
                                + "so media_device_ioctl reads the media_dev pointer media_devnode_unregister set to NULL")
                        .reference("PROTOCOLS.md §1(c) B1")
                        .scenario("ioctl-vs-remove").site("media_device_ioctl: dev = devnode->media_dev").build(),
                Defect.of(PRE + ".inflight-ioctl-uaf", PRE, Kind.UAF)
                        .title("an ioctl in flight uses the media_device the driver freed at unbind")
                        .because("media_device_ioctl read devnode->media_dev before unregister cleared it, then locks "
                                + "graph_mutex and walks the graph inside the isp_device devres freed after remove")
                        .reference("PROTOCOLS.md §1(c) B1")
                        .scenario("ioctl-vs-remove").object("isp_device").build(),
                Defect.of(PRE + ".link-notify-after-remove", PRE, Kind.FENCE)
                        .title("MEDIA_IOC_SETUP_LINK runs the driver's link_notify after remove returned")
                        .because("nothing in remove waits for an ioctl that passed the REGISTERED test, so the driver's "
                                + "callback runs after its remove")
                        .reference("PROTOCOLS.md §1(c) B1, §7 (media baseline row)")
                        .scenario("setup-link-vs-remove").build(),
                Defect.of(PRE + ".link-notify-unmapped-registers", PRE, Kind.UAF)
                        .title("link_notify writes the ISP's registers after devres unmapped them")
                        .because("the ioctl in flight reaches link_notify after remove returned and devres released the "
                                + "register mapping")
                        .reference("PROTOCOLS.md §1(c) B1")
                        .scenario("setup-link-vs-remove").object("isp_mmio").build(),

                // ---- the series, refcounted mode
                Defect.of(REF + ".link-notify-after-remove", REF, Kind.FENCE)
                        .title("MEDIA_IOC_SETUP_LINK runs the driver's link_notify after remove returned")
                        .because("the refcount keeps the media_device's memory but nothing waits for a call in flight: "
                                + "unregister clears REGISTERED and returns while the ioctl goes on into the driver")
                        .reference("PROTOCOLS.md §1(e)7")
                        .scenario("setup-link-vs-remove").build(),
                Defect.of(REF + ".link-notify-unmapped-registers", REF, Kind.UAF)
                        .title("link_notify writes the ISP's registers after devres unmapped them")
                        .because("memory safe is not resource safe: the registers are devm and go right after remove, "
                                + "while the ioctl that passed the test still powers the pipeline")
                        .reference("PROTOCOLS.md §1(e)7")
                        .scenario("setup-link-vs-remove").object("isp_mmio").build(),
                Defect.of(REF + ".irq-after-release", REF, Kind.UAF)
                        .title("the interrupt handler runs on the context ops->release freed during remove")
                        .because("with no file open, remove's media_device_put drops the last reference and ops->release "
                                + "frees the isp_device, but devres frees the interrupt only after remove returns")
                        .reference("PROTOCOLS.md §1(e)7 (IRQ)")
                        .scenario("irq-vs-remove").object("isp_device").site("isp_isr*").build(),
                Defect.of(REF + ".cdev-add-failure-leaves-registered", REF, Kind.ERRNO)
                        .title("a file opened while cdev_device_add failed keeps working after the probe failed")
                        .because("media_devnode_register sets REGISTERED before cdev_device_add and leaves it set when "
                                + "that fails, so a file that reached the mapped char device passes every later test")
                        .reference("PROTOCOLS.md §1(f) cdev_add / device_add failure")
                        .scenario("open-during-failing-register").faults(DEVICE_ADD_FAILS)
                        .object("ioctl on an fd opened while the registration failed").build(),

                // ---- the series, compat mode
                Defect.of(COMPAT + ".best-effort-window", COMPAT, Kind.UAF)
                        .title("an ioctl that passed the ref->registered test uses the media_device the driver freed")
                        .because("the compat test is as unlocked as mainline's: after it, unregister and the driver's "
                                + "kfree can run, and the call reads devnode->fops and graph_mutex in freed memory")
                        .reference("PROTOCOLS.md §1(e)1")
                        .scenario("ioctl-vs-remove").object("isp_device").site(IN_FLIGHT_FOP).build(),
                Defect.of(COMPAT + ".link-notify-after-remove", COMPAT, Kind.FENCE)
                        .title("MEDIA_IOC_SETUP_LINK runs the driver's link_notify after remove returned")
                        .because("nothing waits for the call that passed ref->registered, so the driver's callback runs "
                                + "after its remove")
                        .reference("PROTOCOLS.md §1(e)1")
                        .scenario("setup-link-vs-remove").build(),
                Defect.of(COMPAT + ".link-notify-unmapped-registers", COMPAT, Kind.UAF)
                        .title("link_notify writes the ISP's registers after devres unmapped them")
                        .because("the ioctl in flight reaches link_notify after remove returned and devres released the "
                                + "register mapping")
                        .reference("PROTOCOLS.md §1(e)1")
                        .scenario("setup-link-vs-remove").object("isp_mmio").build(),
                Defect.of(COMPAT + ".close-vs-unregister", COMPAT, Kind.UAF)
                        .title("a close that saw ref->registered == 1 locks fh_list_lock in the freed media_device")
                        .because("media_device_close tests ref->registered without a lock, then takes the spinlock "
                                + "inside the driver's media_device, which unbind may have freed in between")
                        .reference("PROTOCOLS.md §1(e)2")
                        .scenario("close-vs-remove").object("isp_device").site("media.device.close.after-registered-check")
                        .build(),
                Defect.of(COMPAT + ".close-frees-linked-handle", COMPAT, Kind.UAF)
                        .title("a close after unregister frees its handle while it is still linked, and a racing close unlinks through it")
                        .because("media_device_close skips list_del once ref->registered is 0, so the freed handle stays "
                                + "linked to its neighbours; a close that passed the test before unregister then "
                                + "writes the freed neighbour in list_del (with or without list_del_init at unregister)")
                        .reference("found by unbind (two-closes-vs-remove): the skipped list_del of PROTOCOLS.md §1(e)2's close path")
                        .scenario("two-closes-vs-remove").object("media_device_fh").build(),
                Defect.of(COMPAT + ".reopen-dangling-devnode", COMPAT, Kind.UAF)
                        .title("an open through an inode that cached the char device reads the freed devnode's flags")
                        .because("the char device lives in the compat ref, which the open fd keeps, so chrdev_open "
                                + "succeeds; media_open then follows ref->devnode, never cleared, into the freed "
                                + "media_device to test REGISTERED")
                        .reference("PROTOCOLS.md §1(e)3")
                        .scenario("reopen-after-remove").object("isp_device").site("test_bit(MEDIA_FLAG_REGISTERED*")
                        .build(),
                Defect.of(COMPAT + ".open-in-flight", COMPAT, Kind.UAF)
                        .title("an open that passed media_open's test links its handle into the media_device unbind freed")
                        .because("media_open tests REGISTERED under media_devnode_lock but takes only a reference to "
                                + "the compat ref; media_device_open then adds the handle to mdev->fh_list after "
                                + "the driver freed the media_device")
                        .reference("found by unbind (open-vs-remove): the open-side form of PROTOCOLS.md §1(e)1")
                        .scenario("open-vs-remove").object("isp_device").site("media.device.open.kzalloc_fh").build(),
                Defect.of(COMPAT + ".put-uninitialised-ref", COMPAT, Kind.REFCOUNT)
                        .title("when minors run out, register puts the compat ref's struct device before it was initialised")
                        .because("media_devnode_register returns -ENFILE before device_initialize(&ref->dev), and "
                                + "__media_device_register's error path then put_device()s the zeroed kobject")
                        .reference("PROTOCOLS.md §1(f) minor exhaustion")
                        .scenario("open-during-failing-register").faults(MINOR_EXHAUSTED)
                        .object("media_devnode_compat_ref.dev").build(),
                Defect.of(COMPAT + ".ref-leaked-on-minor-exhaustion", COMPAT, Kind.LEAK)
                        .title("the compat ref is never freed after minor exhaustion")
                        .because("the put on the uninitialised kobject underflows instead of releasing it, so the "
                                + "kzalloc'ed ref leaks (a plain kfree would have been right)")
                        .reference("PROTOCOLS.md §1(f) minor exhaustion")
                        .scenario("open-during-failing-register").faults(MINOR_EXHAUSTED)
                        .object("media_devnode_compat_ref").build(),
                Defect.of(COMPAT + ".cdev-add-failure-uses-freed-ref", COMPAT, Kind.UAF)
                        .title("after cdev_device_add fails, unregister writes into the compat ref register freed")
                        .because("the error path frees the ref but leaves REGISTERED, ref->registered and devnode->ref "
                                + "set, so the driver's media_device_unregister follows devnode->ref into freed memory")
                        .reference("PROTOCOLS.md §1(f) cdev_add / device_add failure")
                        .scenario("open-during-failing-register").faults(CDEV_ADD_FAILS).object("media_devnode_compat_ref")
                        .build(),
                Defect.of(COMPAT + ".cdev-add-failure-double-put", COMPAT, Kind.REFCOUNT)
                        .title("after cdev_device_add fails, unregister puts the compat ref and its char device again")
                        .because("with REGISTERED left set the driver's media_device_unregister runs cdev_device_del and "
                                + "put_device on objects the error path already released")
                        .reference("PROTOCOLS.md §1(f) cdev_add / device_add failure")
                        .scenario("open-during-failing-register").faults(CDEV_ADD_FAILS)
                        .object("media_devnode_compat_ref.dev.kobj|media*.cdev.kobj").build());
    }
}
