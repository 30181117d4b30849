package dev.unbind.subjects.revocable;

import dev.unbind.kernel.Kernel;

/**
 * fs_revocable_replace over the SRCU "revocable" API, and the misc variant.
 *
 * <p>Thread: Tzung-Bi Shih, "[PATCH v5 5/7] revocable: Add fops replacement" with 6/7 (misc_open
 * calls it) and 7/7 (cros_ec_chardev uses it), 2025-10-16, and the replies of Jason Gunthorpe,
 * Danilo Krummrich, Greg Kroah-Hartman and Laurent Pinchart through December (seed 003);
 * PROTOCOLS.md §4. The cros_ec_device of a ChromeOS EC is freed when the EC is unbound while
 * /dev/cros_ec is open. v5 lets the EC be a revocable provider: misc_open swaps the file's fops
 * for a per-open copy whose read, poll and unlocked_ioctl enter the provider's SRCU read section
 * and ask the driver's try_access callback for the resource; the EC's devres revokes it (NULL,
 * then synchronize_srcu) before freeing it. The callback stores the pointer in the file's
 * private data, which every thread of the file shares:
 *
 * <pre>
 *   CPU0 (ioctl on fd)                        CPU1 (EC unbind)              CPU2 (ioctl on the same fd)
 *   fs_revocable_unlocked_ioctl
 *     try_access: priv->ec_dev = ec_dev
 *                                             revoke: rp->res = NULL
 *                                               synchronize_srcu (waits CPU0)
 *                                                                           try_access:
 *                                                                             priv->ec_dev = NULL
 *                                                                           -ENODEV
 *     cros_ec_chardev_ioctl
 *       priv->ec_dev->cmd_readmem   &lt;-- NULL deref, inside the read section: revoke never returns
 * </pre>
 *
 * The misc variant (2025-10-19) makes the miscdevice its own resource: misc_register allocates a
 * provider, misc_deregister revokes it before unlinking the device:
 *
 * <pre>
 *   CPU0 (open)                               CPU1 (misc_deregister)
 *   misc_open: lock(misc_mtx); c = find()
 *                                             revoke(c->rp): last reference, kfree(rp)
 *                                             lock(misc_mtx) (waits CPU0)
 *   fs_revocable_replace(c->rp)
 *     revocable_alloc: kref_get(&rp->kref)  &lt;-- use-after-free
 * </pre>
 *
 * The corrected variant ({@link FsRevocableFixed}, {@link RevocableCore.Fixed}) keeps the shape
 * and changes what the review found wrong. Its rules:
 * <ol>
 *   <li>The provider's memory lives as long as any handle on it, and a handle is only taken under
 *       a reference the taker already holds (the misc device keeps one while registered).</li>
 *   <li>Every entry point is wrapped or routed (open, read, write, poll, both ioctls, mmap, the
 *       vm_ops fault); nothing of the driver runs on a resource outside a section.</li>
 *   <li>No per-file result slot: a wrapper tests the resources; the driver's pointers are set
 *       once, at open, and are valid for as long as a section with every resource present.</li>
 *   <li>The SRCU index belongs to the call that entered the section.</li>
 *   <li>Revoke wakes the sleepers of every file before its grace period and zaps user mappings
 *       after it; a read woken so returns -ENODEV.</li>
 *   <li>Error paths leave nothing: init_srcu_struct's failure, a partial replace, a failed
 *       driver open; the driver's release runs exactly once per successful open.</li>
 * </ol>
 * The design objections of the thread (PROTOCOLS.md §4(e) D11: a new struct file field, a
 * file_operations copy per open, SRCU for every fop, auto-revoke as a concept) are costs, not
 * checkable behaviour; the stress engine's latencies and the benchmarks show the first ones.
 */
final class RevocableSubject {
    private RevocableSubject() {
    }

    /** PATCH v5 5/7, 6/7 and 7/7 as posted, on the revocable core as posted. */
    static Revocable fsReplaceV5(Kernel k) {
        RevocableCore.AsPosted core = new RevocableCore.AsPosted(k);
        return new RevocableModel(k, core, w -> {
            FsRevocable.V5 fs = new FsRevocable.V5(k, core);
            RevocableMisc misc = new RevocableMisc.V5(k, w.map(), w.devfs(), fs);
            return new RevocableModel.Drivers(misc, new CrosEcChardev.V5(k, w.chardevModule(), misc, core),
                    new TwoProviderConsumer.V5(k, w.zzzModule(), misc, w.x(), w.y(), core));
        });
    }

    /** The Oct 19 misc variant: unchanged drivers, a provider per miscdevice. */
    static Revocable miscProvider(Kernel k) {
        RevocableCore.AsPosted core = new RevocableCore.AsPosted(k);
        return new RevocableModel(k, core, w -> {
            FsRevocableOct19 fs = new FsRevocableOct19(k, core);
            RevocableMisc misc = new RevocableMisc.ProviderPerDevice(k, w.map(), w.devfs(), core, fs);
            return new RevocableModel.Drivers(misc, new CrosEcChardev.Mainline(k, w.chardevModule(), misc),
                    new TwoProviderConsumer.Mainline(k, w.zzzModule(), misc, w.x(), w.y()));
        });
    }

    /** The corrected variant. */
    static Revocable fixed(Kernel k) {
        RevocableCore.Fixed core = new RevocableCore.Fixed(k);
        return new RevocableModel(k, core, w -> {
            FsRevocableFixed fs = new FsRevocableFixed(k, core);
            RevocableMisc misc = new RevocableMisc.Fixed(k, w.map(), w.devfs(), fs);
            return new RevocableModel.Drivers(misc, new CrosEcChardev.Fixed(k, w.chardevModule(), misc, core),
                    new TwoProviderConsumer.Fixed(k, w.zzzModule(), misc, w.x(), w.y(), core, fs));
        });
    }
}
