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
 * The last fd of /dev/cros_ec is closed while the EC is unbound: release may run before, during
 * or after the chardev's remove and the parent's free of its cros_ec_device.
 *
 * <pre>
 *   closer: close(fd)                              remover: unbind the EC
 *     release: unregister the notifier               chardev remove; devres: kfree(miscdevice)
 *              from ec_dev-&gt;event_notifier          EC remove; devres: kfree(ec_dev)
 * </pre>
 */
public class CloseVsRemove {

    /*
     * Release unregisters the per-file notifier from the parent's chain, freed once the EC is gone.
     */
    @JCStressTest
    @Description("misc.deregister-only | close vs remove: the last fd is closed while the EC is unbound")
    @Ref("PROTOCOLS.md §2(c) M2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "release reached the freed cros_ec_device")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class DeregisterOnly {
        final MiscMachine m = MiscMachine.probedAndOpen("misc.deregister-only", 2);

        @Actor
        public void closer() {
            m.close();
        }

        @Actor
        public void remover() {
            m.remove();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * Release is unfenced by design and cros_ec_chardev's is not memory-only; the last close also
     * frees the shim table __fput reads next.
     */
    @JCStressTest
    @Description("misc.sync-rwsem | close vs remove: the last fd is closed while the EC is unbound")
    @Ref("PROTOCOLS.md §2(d) INV-MS2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "release touched the freed parent, or fops_put read the freed shim")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncRwsem {
        final MiscMachine m = MiscMachine.probedAndOpen("misc.sync-rwsem", 2);

        @Actor
        public void closer() {
            m.close();
        }

        @Actor
        public void remover() {
            m.remove();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * Release is unfenced by design and cros_ec_chardev's is not memory-only; the last close also
     * frees the shim table __fput reads next.
     */
    @JCStressTest
    @Description("misc.sync-srcu | close vs remove: the last fd is closed while the EC is unbound")
    @Ref("PROTOCOLS.md §2(d) INV-MS2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "release touched the freed parent, or fops_put read the freed shim")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSrcu {
        final MiscMachine m = MiscMachine.probedAndOpen("misc.sync-srcu", 2);

        @Actor
        public void closer() {
            m.close();
        }

        @Actor
        public void remover() {
            m.remove();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * Release re-finds the device by minor and locks it without a reference; after deregister it
     * never reaches the driver; the open leaked a module reference.
     */
    @JCStressTest
    @Description("misc.mutex-as-posted | close vs remove: the last fd is closed while the EC is unbound")
    @Ref("PROTOCOLS.md §2(e) 5, 7")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "release locked a freed miscdevice")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING,
            desc = "the chardev_priv never released, or the module reference")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class MutexAsPosted {
        final MiscMachine m = MiscMachine.probedAndOpen("misc.mutex-as-posted", 2);

        @Actor
        public void closer() {
            m.close();
        }

        @Actor
        public void remover() {
            m.remove();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * Between unlinking the device and parking its context, a release finds the context on neither
     * list and skips the driver's release.
     */
    @JCStressTest
    @Description("misc.sync-register-srcu | close vs remove: the last fd is closed while the EC is unbound")
    @Ref("found by unbind: close racing remove")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING,
            desc = "chardev_priv and the device data were never released")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncRegisterSrcu {
        final MiscMachine m = MiscMachine.probedAndOpen("misc.sync-register-srcu", 2);

        @Actor
        public void closer() {
            m.close();
        }

        @Actor
        public void remover() {
            m.remove();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * Release only frees memory the file keeps alive; f_op goes back to the driver's table before
     * the file's reference on the shim is dropped.
     */
    @JCStressTest
    @Description("misc.fenced | close vs remove: the last fd is closed while the EC is unbound")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fenced {
        final MiscMachine m = MiscMachine.probedAndOpen("misc.fenced", 2);

        @Actor
        public void closer() {
            m.close();
        }

        @Actor
        public void remover() {
            m.remove();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }
}
