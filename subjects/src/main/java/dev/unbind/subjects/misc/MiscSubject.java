package dev.unbind.subjects.misc;

import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.MiscDevice;

import java.util.function.Function;

/**
 * misc_deregister_sync and the misc variants: how a misc driver's remove fences its open files.
 *
 * <p>Thread: "[PATCH v5] fs: Introduce fs_revocable_replace()", Tzung-Bi Shih, Jason Gunthorpe,
 * Danilo Krummrich, Greg Kroah-Hartman, Laurent Pinchart, October–December 2025 (seed 003);
 * PROTOCOLS.md §2. The crash behind it is cros_ec_chardev: its remove only calls misc_deregister,
 * which neither waits for nor stops the files already open, and the MFD parent frees its
 * cros_ec_device right after unbinding the chardev:
 *
 * <pre>
 *   CPU0 (user, /dev/cros_ec open)             CPU1 (unbind the EC)
 *   ioctl(CROS_EC_DEV_IOCXCMD)
 *     cros_ec_cmd_xfer(priv-&gt;ec_dev)
 *       mutex_lock(&amp;ec_dev-&gt;lock); on the bus
 *                                              MFD: unbind the chardev child first
 *                                                cros_ec_chardev_remove
 *                                                  misc_deregister      (returns at once)
 *                                                devres: kfree(miscdevice)
 *                                              cros_ec remove; devres: free_irq, kfree(ec_dev)
 *       ... response; mutex_unlock(&amp;ec_dev-&gt;lock)   &lt;-- UAF
 *   close(fd): release unregisters its notifier from ec_dev-&gt;event_notifier   &lt;-- UAF
 * </pre>
 *
 * Jason's fix: misc_deregister_sync, "5 letters" in the driver. A shim table stands between every
 * file of the device and the driver; each entry takes the read side of a per-device lock and
 * calls the driver only while alive; deregister takes the write side, so it returns once no fop
 * is inside and none will enter. Its rules ({@link MiscSyncCore}):
 * <ol>
 *   <li>remove waits for fops in flight, not for files to close;</li>
 *   <li>release still runs after remove and may only free memory;</li>
 *   <li>the sync object lives as long as the files;</li>
 *   <li>(implied) nothing may sleep inside a fop without a wake-up from remove — otherwise the
 *       write side waits forever for a read that waits for an event from a departed EC.</li>
 * </ol>
 * The variants below are the driver as each one uses its misc.c: mainline
 * ({@link MiscCore}), Jason's in both lock flavours ({@link MiscSyncCore}), Tzung-Bi's mutex
 * variant as posted ({@link MiscMutexCore}), the misc_uaf branch's misc_sync_register
 * ({@link MiscSyncRegisterCore}), and a corrected one ({@link MiscFencedCore}) that keeps every
 * property.
 */
final class MiscSubject {
    private MiscSubject() {
    }

    /** Pre-fix: cros_ec_chardev on mainline misc.c. */
    static final class DeregisterOnly extends CrosEcChardev {
        DeregisterOnly(Kernel k, MiscCore core, Module owner, Function<Device, EcDevice> parents) {
            super(k, core, owner, parents);
        }

        @Override
        int register(MiscDevice misc) {
            return core.register(misc);
        }

        @Override
        void deregister(MiscDevice misc) {
            core.deregister(misc); // BUG: returns at once; fops in flight and later ones keep using the EC the parent frees next
        }
    }

    /**
     * Jason's misc_deregister_sync (rwsem or SRCU flavour, per the core): the same driver with
     * misc_register_sync / misc_deregister_sync. Its release is unchanged, so it still unregisters
     * the per-file notifier from the parent's chain, and that notifier stays on the chain until
     * the file closes.
     */
    static final class DeregisterSync extends CrosEcChardev {
        private final MiscSyncCore sync;

        DeregisterSync(Kernel k, MiscSyncCore core, Module owner, Function<Device, EcDevice> parents) {
            super(k, core, owner, parents);
            this.sync = core;
        }

        @Override
        int register(MiscDevice misc) {
            return sync.registerSync(misc); // FIX: the files get the shim
        }

        @Override
        void deregister(MiscDevice misc) {
            sync.deregisterSync(misc); // FIX: waits for fops in flight. BUG: a read asleep for an event is never woken
        }
    }

    /** Tzung-Bi's mutex variant: misc.c changed as posted, the driver untouched. */
    static final class MutexAsPosted extends CrosEcChardev {
        MutexAsPosted(Kernel k, MiscMutexCore core, Module owner, Function<Device, EcDevice> parents) {
            super(k, core, owner, parents);
        }

        @Override
        int register(MiscDevice misc) {
            return core.register(misc);
        }

        @Override
        void deregister(MiscDevice misc) {
            core.deregister(misc); // takes some_lock first: waits for the fop holding it, if that one ever returns
        }
    }

    /** The misc_uaf branch: the relay driver on misc_sync_register, plain misc_deregister in remove. */
    static final class SyncRegisterSrcu extends RelayChardev {
        private final MiscSyncRegisterCore sync;

        SyncRegisterSrcu(Kernel k, MiscSyncRegisterCore core, Module owner, Function<Device, EcDevice> parents) {
            super(k, core, owner, parents);
            this.sync = core;
        }

        @Override
        int register(MiscDevice misc) {
            return sync.syncRegister(misc);
        }

        @Override
        void teardown(Pdata p) {
            unregisterRelay(p);
            sync.deregister(p.misc); // BUG: a reader asleep inside a wrapped read holds off the global grace period
        }

        @Override
        boolean deviceGone(Pdata p) {
            return false;
        }
    }

    /**
     * Corrected: the relay driver on {@link MiscFencedCore}. remove takes the relay off the
     * parent's chain, marks the device dead and wakes every sleeper, then fences.
     */
    static final class Fenced extends RelayChardev {
        private final MiscFencedCore sync;

        Fenced(Kernel k, MiscFencedCore core, Module owner, Function<Device, EcDevice> parents) {
            super(k, core, owner, parents);
            this.sync = core;
        }

        @Override
        int register(MiscDevice misc) {
            return sync.registerSync(misc);
        }

        @Override
        void teardown(Pdata p) {
            unregisterRelay(p); // FIX: nothing of the driver stays on the parent's chain
            p.markDead(); // FIX: mark dead ...
            p.subscribers.call(NotifierChain.DEVICE_GONE); // FIX: ... and wake every sleeper before the fence waits for them
            sync.deregisterSync(p.misc);
        }

        @Override
        boolean deviceGone(Pdata p) {
            return p.dead(); // FIX: a sleeping reader wakes up for a departed device
        }
    }
}
