package dev.unbind.subjects.revocable;

import dev.unbind.finding.Kind;
import dev.unbind.subject.Defect;

import java.util.ArrayList;
import java.util.List;

import static dev.unbind.subjects.revocable.RevocableFamily.MISC;
import static dev.unbind.subjects.revocable.RevocableFamily.V5;

/**
 * The revocable defect catalogue (PROTOCOLS.md §4(d)-(f)), one entry per defect, variant and
 * property: the scenario and faults that expose it and how its findings look.
 *
 * <p>Not here, because nothing can observe them: D1 (v5 leaves {@code file->f_rr} pointing at
 * the freed replacement when fs_revocable_replace fails: the open fails and nothing reads f_rr
 * again) and D11 (a new struct file field, a file_operations copy allocated per open, SRCU on
 * every fop, "auto-revoke" as a concept): design and cost objections, measured, not detected.
 * D5 and D10 do not show on /dev/cros_ec: the MFD unbinds the chardev before the EC's devres
 * revokes, and misc_open runs under misc_mtx, which misc_deregister takes; they show on /dev/zzz,
 * whose suppliers go away while Z stays bound, the case revocable is meant for.
 */
final class RevocableDefects {
    static final String INIT_SRCU_FAILS = "fail:revocable.core.provider_alloc.init_srcu_struct";
    static final String DRIVER_OPEN_FAILS = "fail:revocable.chardev.open.kzalloc";
    /** What a failed driver open leaves: the replacement, its handles, the providers they pin. */
    static final String OPEN_FAILURE_LEAKS = "fs_revocable_replacement|fs_revocable_revs|revocable|revocable_provider|srcu_data";
    /** The read section left entered by an actor: the grace period waits for it forever. */
    static final String SECTION_NEVER_LEFT = "synchronize_srcu(*inside since*";
    /** The task that lost its read section waits in a grace period of the same SRCU itself. */
    static final String OWN_SECTION = "synchronize_srcu(*.srcu)";
    /** An index undrained although no reader is inside: an unlock went to the other index. */
    static final String INDEX_NEVER_DRAINS = "synchronize_srcu(*): readers of index ?";

    private RevocableDefects() {
    }

    static List<Defect> all() {
        List<Defect> all = new ArrayList<>();
        all.addAll(v5());
        all.addAll(misc());
        return List.copyOf(all);
    }

    private static List<Defect> v5() {
        return List.of(
                Defect.of(V5 + ".init-srcu-failure-ignored", V5, Kind.NULL_DEREF)
                        .title("a failed init_srcu_struct goes unnoticed and the next SRCU call oopses")
                        .because("revocable_provider_alloc ignores init_srcu_struct's -ENOMEM and calls synchronize_srcu "
                                + "on the half-initialised struct")
                        .reference("PROTOCOLS.md §4(e) D9")
                        .scenario("open-close").faults(INIT_SRCU_FAILS).object("srcu revocable_provider*").build(),
                Defect.of(V5 + ".driver-open-failure-leaks-replacement", V5, Kind.LEAK)
                        .title("a driver open that fails after the replacement leaks it and its provider references")
                        .because("misc_open replaces the fops before calling the driver's open; a failed open gets no "
                                + "release, and nothing else frees the replacement or its handles")
                        .reference("PROTOCOLS.md §4(f) \"driver open fails after replace\"")
                        .scenario("open-close").faults(DRIVER_OPEN_FAILS)
                        .object(OPEN_FAILURE_LEAKS).build(),
                Defect.of(V5 + ".shared-result-slot", V5, Kind.NULL_DEREF)
                        .title("a thread's try_access overwrites the EC pointer another thread of the file is using")
                        .because("cros_ec's try_access callback stores the resource in the file's private data, so a "
                                + "call that starts after revoke writes NULL there while an earlier call, still in its "
                                + "read section, is about to use it")
                        .reference("PROTOCOLS.md §4(e) D2")
                        .scenario("two-ioctls-vs-remove").object("cros_ec_chardev_*").site("revocable.fs.after-try-access").build(),
                Defect.of(V5 + ".release-loses-read-lock", V5, Kind.HANG)
                        .title("a close racing the revoke leaves its read section entered: revoke never returns")
                        .because("try_access always enters the read section; when it finds the resource gone, "
                                + "fs_revocable_release jumps to recover past the withdraw, so synchronize_srcu waits "
                                + "for a reader that already returned")
                        .reference("found by unbind: close-vs-remove, and §4(f) \"close racing revoke\"")
                        .scenario("close-vs-remove").site(SECTION_NEVER_LEFT + "|" + OWN_SECTION).build(),
                Defect.of(V5 + ".oops-holds-read-section", V5, Kind.HANG)
                        .title("an oops inside a wrapped ioctl keeps its read section entered: revoke never returns")
                        .because("the read section spans the driver's ioctl; the thread killed by the NULL deref of "
                                + "D2 never withdraws, and the EC's devres waits in synchronize_srcu forever")
                        .reference("found by unbind: two-ioctls-vs-remove (consequence of D2)")
                        .scenario("two-ioctls-vs-remove").site(SECTION_NEVER_LEFT).build(),
                Defect.of(V5 + ".shared-consumer-index", V5, Kind.HANG)
                        .title("two threads of one file share the SRCU index of its consumer handle: revoke never returns")
                        .because("revocable_try_access stores the index in the per-file struct revocable; a call that "
                                + "locks after the grace period's flip overwrites it, so an earlier call unlocks the new "
                                + "index and the old one never drains")
                        .reference("found by unbind: two-pollers-vs-remove (INV-R2, PROTOCOLS.md §4(d))")
                        .scenario("two-pollers-vs-remove").site(INDEX_NEVER_DRAINS).build(),
                Defect.of(V5 + ".compat-ioctl-null-ec-dev", V5, Kind.NULL_DEREF)
                        .title("a 32-bit process's first ioctl goes through the raw compat_ioctl and finds no EC pointer")
                        .because("only read, poll and unlocked_ioctl are wrapped, and v5 removed the open's "
                                + "priv->ec_dev = ec_dev, so compat_ioctl before any wrapped call dereferences NULL")
                        .reference("PROTOCOLS.md §4(e) D3")
                        .scenario("compat-ioctl-first-call").object("cros_ec_chardev_ioctl_xcmd*").build(),
                Defect.of(V5 + ".compat-ioctl-after-remove", V5, Kind.UAF)
                        .title("compat_ioctl after the EC's removal sends a command through the freed cros_ec_device")
                        .because("compat_ioctl is the driver's raw handler; it uses the pointer the last wrapped call "
                                + "left in priv->ec_dev, freed with the EC")
                        .reference("PROTOCOLS.md §4(e) D3")
                        .scenario("compat-ioctl-after-remove").object("cros_ec_device").site("cros_ec_chardev_ioctl_xcmd*").build(),
                Defect.of(V5 + ".unwrapped-write", V5, Kind.UAF)
                        .title("write after supplier X went away writes to its freed resource")
                        .because("write keeps the driver's raw function; it uses the res1 pointer the last wrapped "
                                + "call stored, freed with X")
                        .reference("PROTOCOLS.md §4(e) D3")
                        .scenario("zzz-ops-after-supplier-unbind").object("zzz_res1").site("zzz_write*").build(),
                Defect.of(V5 + ".unwrapped-mmap", V5, Kind.UAF)
                        .title("mmap after supplier X went away maps its freed resource")
                        .because("mmap keeps the driver's raw function, which maps the res1 pointer the last wrapped "
                                + "call stored")
                        .reference("PROTOCOLS.md §4(e) D3")
                        .scenario("zzz-ops-after-supplier-unbind").object("zzz_res1").site("zzz_mmap*").build(),
                Defect.of(V5 + ".mapping-survives-revoke", V5, Kind.UAF)
                        .title("a mapping made before the revoke keeps reaching the freed resource")
                        .because("revoke only clears the pointer and waits for read sections; the PTEs the driver's "
                                + "mmap installed stay, and user accesses reach memory freed after the revoke")
                        .reference("found by unbind: zzz-ops-after-supplier-unbind")
                        .scenario("zzz-ops-after-supplier-unbind").object("zzz_res1")
                        .site("user access through a PFN mapping*").build(),
                Defect.of(V5 + ".mkbp-event-null-ec-dev", V5, Kind.NULL_DEREF)
                        .title("an EC event before the file's first wrapped call dereferences a NULL EC pointer")
                        .because("the MKBP notifier is no file operation: it reads priv->ec_dev directly, which v5 "
                                + "leaves NULL until a wrapped call sets it, and dereferences it before testing the mask")
                        .reference("PROTOCOLS.md §4(e) D4")
                        .scenario("event-before-first-fop").object("cros_ec_chardev_mkbp_event*").build(),
                Defect.of(V5 + ".open-unprotected", V5, Kind.UAF)
                        .title("the driver's open uses a supplier's resource outside any read section")
                        .because("misc_open calls the driver's open after the replacement without try_access, and the "
                                + "open reaches res1 through its supplier, which may have gone away")
                        .reference("PROTOCOLS.md §4(e) D5")
                        .scenario("zzz-open-vs-supplier-unbind").object("zzz_res1|zzz_supplier_data")
                        .site("zzz_open*|read x->res").build(),
                Defect.of(V5 + ".blocking-read-in-section", V5, Kind.HANG)
                        .title("a read sleeping for an MKBP event inside the read section blocks the revoke forever")
                        .because("fs_revocable_read holds the SRCU read section across the driver's read, which sleeps "
                                + "until an event the departed EC never sends; nothing wakes it before synchronize_srcu")
                        .reference("PROTOCOLS.md §4(e) D6")
                        .scenario("blocked-reader-vs-remove").site("wait_event_interruptible(chardev_priv*").build(),
                Defect.of(V5 + ".consumer-on-dead-provider", V5, Kind.UAF)
                        .title("an open after supplier X went away takes a handle on its freed provider")
                        .because("misc->rps[] holds bare pointers copied at probe; once the revoke and the last handle "
                                + "dropped the provider, revocable_alloc's kref_get and every later call use freed memory")
                        .reference("PROTOCOLS.md §4(e) D10")
                        .scenario("zzz-open-after-supplier-unbind").object("revocable_provider").build(),
                Defect.of(V5 + ".consumer-on-dead-provider-refcount", V5, Kind.REFCOUNT)
                        .title("an open after supplier X went away increments a provider refcount that reached zero")
                        .because("revocable_alloc uses kref_get, not kref_get_unless_zero, on a provider nothing "
                                + "references any more")
                        .reference("PROTOCOLS.md §4(e) D10")
                        .scenario("zzz-open-after-supplier-unbind").object("revocable_provider.kref").build(),
                Defect.of(V5 + ".revs-unwind-skips-first", V5, Kind.LEAK)
                        .title("when a later consumer allocation fails, the first handle and its provider reference leak")
                        .because("fs_revocable_replace's error path unwinds with while (--i), which never frees revs[0]")
                        .reference("PROTOCOLS.md §4(b) free_revs, §4(f) consumer_alloc row")
                        .scenario("zzz-open-close").faults("fail:revocable.core.revocable_alloc.kzalloc:nth=2")
                        .object("revocable|revocable_provider|srcu_data").build(),
                Defect.of(V5 + ".release-skipped-after-revoke", V5, Kind.LEAK)
                        .title("closing a file after the revoke never runs the driver's release: its file state leaks")
                        .because("fs_revocable_release calls the driver's release only if try_access succeeds, so "
                                + "chardev_priv and its events are never freed")
                        .reference("PROTOCOLS.md §4(d) INV-FR2")
                        .scenario("ops-after-remove").object("chardev_priv|zzz_priv").build(),
                Defect.of(V5 + ".release-loses-read-lock-leak", V5, Kind.LEAK)
                        .title("closing a file after the revoke leaks the provider's per-CPU SRCU data")
                        .because("the read section release's failed try_access entered is never left, so "
                                + "cleanup_srcu_struct finds an active reader, warns and leaks the srcu_data")
                        .reference("found by unbind: ops-after-remove")
                        .scenario("ops-after-remove").object("srcu_data").build(),
                Defect.of(V5 + ".poll-returns-errno", V5, Kind.ERRNO)
                        .title("poll after the revoke returns -ENODEV as a poll mask")
                        .because("fs_revocable_poll returns try_access's error code from a function returning __poll_t")
                        .reference("found by unbind: ops-after-remove")
                        .scenario("ops-after-remove").site("poll*").build());
    }

    private static List<Defect> misc() {
        return List.of(
                Defect.of(MISC + ".provider-leak-on-register-failure", MISC, Kind.LEAK)
                        .title("a failing misc_register leaks the provider it allocated")
                        .because("misc_register allocates misc->rp before taking misc_mtx; its device_create and "
                                + "-EBUSY error paths return without freeing it")
                        .reference("PROTOCOLS.md §4(e) D8")
                        .scenario("open-close").faults("fail:kernel.misc_register.device_create")
                        .object("revocable_provider|srcu_data").site("*(miscdevice)*").build(),
                Defect.of(MISC + ".init-srcu-failure-ignored", MISC, Kind.NULL_DEREF)
                        .title("a failed init_srcu_struct goes unnoticed and the next SRCU call oopses")
                        .because("revocable_provider_alloc ignores init_srcu_struct's -ENOMEM and calls synchronize_srcu "
                                + "on the half-initialised struct")
                        .reference("PROTOCOLS.md §4(e) D9")
                        .scenario("open-close").faults(INIT_SRCU_FAILS).object("srcu revocable_provider*").build(),
                Defect.of(MISC + ".driver-open-failure-leaks-replacement", MISC, Kind.LEAK)
                        .title("a driver open that fails after the replacement leaks it and its provider reference")
                        .because("misc_open replaces the fops before calling the driver's open, and a failed open gets "
                                + "no release")
                        .reference("PROTOCOLS.md §4(f) \"driver open fails after replace\"")
                        .scenario("open-close").faults(DRIVER_OPEN_FAILS).object(OPEN_FAILURE_LEAKS).build(),
                Defect.of(MISC + ".revoke-before-unlink", MISC, Kind.UAF)
                        .title("an open racing misc_deregister takes a handle on the provider the revoke just freed")
                        .because("misc_deregister revokes (dropping the provider's last reference) before taking "
                                + "misc_mtx to unlink the device, so a misc_open that already found it allocates a "
                                + "consumer on freed memory")
                        .reference("PROTOCOLS.md §4(e) D7")
                        .scenario("open-vs-remove").object("revocable_provider").build(),
                Defect.of(MISC + ".revoke-before-unlink-refcount", MISC, Kind.REFCOUNT)
                        .title("an open racing misc_deregister increments a provider refcount that reached zero")
                        .because("revocable_alloc's kref_get runs on the provider misc_deregister's revoke released")
                        .reference("PROTOCOLS.md §4(e) D7")
                        .scenario("open-vs-remove").object("revocable_provider.kref").build(),
                Defect.of(MISC + ".shared-consumer-index", MISC, Kind.HANG)
                        .title("two threads of one file share the SRCU index of its consumer handle: misc_deregister never returns")
                        .because("REVOCABLE_TRY_ACCESS_WITH stores the index in the per-file struct revocable; a call "
                                + "after the grace period's flip overwrites it and the old index never drains")
                        .reference("found by unbind: two-pollers-vs-remove (INV-R2, PROTOCOLS.md §4(d))")
                        .scenario("two-pollers-vs-remove").site(INDEX_NEVER_DRAINS).build(),
                Defect.of(MISC + ".blocking-read-in-section", MISC, Kind.HANG)
                        .title("a read sleeping for an MKBP event inside the read section blocks misc_deregister forever")
                        .because("the read wrapper holds the SRCU read section across the driver's read, which sleeps "
                                + "for an event the departed EC never sends")
                        .reference("PROTOCOLS.md §4(e) D6")
                        .scenario("blocked-reader-vs-remove").site("wait_event_interruptible(chardev_priv*").build(),
                Defect.of(MISC + ".poll-returns-errno", MISC, Kind.ERRNO)
                        .title("poll after misc_deregister returns -ENODEV as a poll mask")
                        .because("the poll wrapper (elided in the post, written like its read) returns -ENODEV from a "
                                + "function returning __poll_t")
                        .reference("found by unbind: ops-after-remove")
                        .scenario("ops-after-remove").site("poll*").build(),
                Defect.of(MISC + ".compat-ioctl-unwrapped", MISC, Kind.UAF)
                        .title("compat_ioctl after the EC's removal sends a command through the freed cros_ec_device")
                        .because("the variant wraps the same three entries as v5; compat_ioctl stays the driver's raw "
                                + "handler and uses the pointer the open stored")
                        .reference("PROTOCOLS.md §4(e) D3")
                        .scenario("compat-ioctl-after-remove").object("cros_ec_device").site("cros_ec_chardev_ioctl_xcmd*").build(),
                Defect.of(MISC + ".release-skipped-after-revoke", MISC, Kind.LEAK)
                        .title("closing a file after misc_deregister never runs the driver's release: its file state leaks")
                        .because("the release wrapper (elided in the post, modelled on v5's) calls the driver's "
                                + "release only while the misc device is still there")
                        .reference("PROTOCOLS.md §4(d) INV-FR2")
                        .scenario("ops-after-remove").object("chardev_priv|zzz_priv").build(),
                Defect.of(MISC + ".supplier-resources-unprotected", MISC, Kind.UAF)
                        .title("resources of other devices are not protected: Z uses res1 after supplier X went away")
                        .because("the variant only revokes the misc device itself at misc_deregister; X's unbind "
                                + "leaves Z registered, and every fop and mapping of /dev/zzz still reaches res1")
                        .reference("found by unbind: zzz-ops-after-supplier-unbind (the thread's own X/Y/Z example)")
                        .scenario("zzz-ops-after-supplier-unbind").object("zzz_res1|zzz_supplier_data").build(),
                Defect.of(MISC + ".notifier-left-on-chain", MISC, Kind.MODULE)
                        .title("after the chardev's own unbind, an EC event calls the notifier of an unloaded cros_ec_chardev")
                        .because("the file closed after misc_deregister skips the driver's release, so its notifier "
                                + "stays on the live EC's chain; once the module is unloaded the next event calls into it")
                        .reference("found by unbind: chardev-unbind-then-rmmod")
                        .scenario("chardev-unbind-then-rmmod").build());
    }
}
