package dev.unbind.jcstress.misc;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Ref;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A process opens /dev/cros_ec while the EC is being bound; the arbiter then unbinds the EC and
 * reads the fd the race opened, if any. An open that slips in before the device is fully set up
 * must still be fenced by the later remove.
 *
 * <pre>
 *   prober: bind the EC                            opener: open("/dev/cros_ec")
 *     misc_register: node, list_add
 *                                                    misc_open: finds the device
 *     (misc_sync_register: publish sync_ctx)
 *   arbiter: unbind the EC; read(fd)   &lt;-- must not reach the driver
 * </pre>
 */
public class OpenVsProbe {

    /*
     * Nothing fences the fd: the read after remove reaches the freed cros_ec_device.
     */
    @JCStressTest
    @Description("misc.deregister-only | open vs probe: /dev/cros_ec is opened while the EC is bound; later unbind, then read")
    @Ref("PROTOCOLS.md §2(c) M2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the read after remove reached the freed cros_ec_device")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING,
            desc = "the read ran driver code after remove returned")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class DeregisterOnly {
        final MiscMachine m = MiscMachine.unbound("misc.deregister-only", 2);

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.open();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcomeAfterRemoveAndRead();
        }
    }

    /*
     * The sync object is published before the device is listed, so the read is fenced; the close
     * after remove still reaches the parent and frees the shim __fput reads.
     */
    @JCStressTest
    @Description("misc.sync-rwsem | open vs probe: /dev/cros_ec is opened while the EC is bound; later unbind, then read")
    @Ref("PROTOCOLS.md §2(d) INV-MS2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "release touched the freed parent, or fops_put read the freed shim")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncRwsem {
        final MiscMachine m = MiscMachine.unbound("misc.sync-rwsem", 2);

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.open();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcomeAfterRemoveAndRead();
        }
    }

    /*
     * The sync object is published before the device is listed, so the read is fenced; the close
     * after remove still reaches the parent and frees the shim __fput reads.
     */
    @JCStressTest
    @Description("misc.sync-srcu | open vs probe: /dev/cros_ec is opened while the EC is bound; later unbind, then read")
    @Ref("PROTOCOLS.md §2(d) INV-MS2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "release touched the freed parent, or fops_put read the freed shim")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSrcu {
        final MiscMachine m = MiscMachine.unbound("misc.sync-srcu", 2);

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.open();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcomeAfterRemoveAndRead();
        }
    }

    /*
     * The read after deregister finds no device (-ENODEV); the open leaked a module reference and
     * the close never reaches the driver's release.
     */
    @JCStressTest
    @Description("misc.mutex-as-posted | open vs probe: /dev/cros_ec is opened while the EC is bound; later unbind, then read")
    @Ref("PROTOCOLS.md §2(e) 7")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING,
            desc = "the module reference, or the chardev_priv never released")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class MutexAsPosted {
        final MiscMachine m = MiscMachine.unbound("misc.mutex-as-posted", 2);

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.open();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcomeAfterRemoveAndRead();
        }
    }

    /*
     * misc_sync_register publishes the context after misc_register listed the device: an open in
     * between keeps the driver's own fops, and its read after remove reaches the freed EC.
     */
    @JCStressTest
    @Description("misc.sync-register-srcu | open vs probe: /dev/cros_ec is opened while the EC is bound; later unbind, then read")
    @Ref("PROTOCOLS.md §2(e) 9")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the unfenced read reached the freed cros_ec_device")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING,
            desc = "the unfenced read ran driver code after remove returned")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncRegisterSrcu {
        final MiscMachine m = MiscMachine.unbound("misc.sync-register-srcu", 2);

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.open();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcomeAfterRemoveAndRead();
        }
    }

    /*
     * The sync object is published before the device is listed: every file is fenced.
     */
    @JCStressTest
    @Description("misc.fenced | open vs probe: /dev/cros_ec is opened while the EC is bound; later unbind, then read")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the read saw -ENODEV")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fenced {
        final MiscMachine m = MiscMachine.unbound("misc.fenced", 2);

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.open();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcomeAfterRemoveAndRead();
        }
    }
}
