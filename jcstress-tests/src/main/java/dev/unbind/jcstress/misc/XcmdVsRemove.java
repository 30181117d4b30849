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
 * The canonical race of the family: an XCMD ioctl sleeps on the EC's bus while the EC is unbound.
 *
 * <pre>
 *   user: ioctl(fd, XCMD)                          remover: unbind the EC
 *     cros_ec_cmd_xfer: on the bus
 *                                                    chardev remove; devres: kfree(miscdevice)
 *                                                    EC remove; devres: free_irq, kfree(ec_dev)
 *     mutex_unlock(&amp;ec_dev-&gt;lock)   &lt;-- use-after-free unless remove waited for it
 * </pre>
 *
 * The arbiter then closes the fd, unbinds what is left, unloads the module and checks for leaks,
 * so the outcome also covers what close after remove does.
 */
public class XcmdVsRemove {

    /*
     * misc_deregister returns at once: the XCMD finishes on the freed cros_ec_device, and the
     * close after remove unregisters its notifier from the freed parent's chain.
     */
    @JCStressTest
    @Description("misc.deregister-only | xcmd vs remove: an XCMD ioctl on the EC bus while the EC is unbound")
    @Ref("PROTOCOLS.md §2(c) M1, M2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the XCMD or the later close reached the freed cros_ec_device")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING,
            desc = "the ioctl was still inside the driver when remove returned")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class DeregisterOnly {
        final MiscMachine m = MiscMachine.probedAndOpen("misc.deregister-only", 2);

        @Actor
        public void user() {
            m.xcmd();
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
     * The write side waits for the XCMD, but the close after remove still reaches the parent's
     * chain, and the last close frees the shim table __fput reads next.
     */
    @JCStressTest
    @Description("misc.sync-rwsem | xcmd vs remove: an XCMD ioctl on the EC bus while the EC is unbound")
    @Ref("PROTOCOLS.md §2(d) INV-MS2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "release touched the freed parent, or fops_put read the freed shim")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncRwsem {
        final MiscMachine m = MiscMachine.probedAndOpen("misc.sync-rwsem", 2);

        @Actor
        public void user() {
            m.xcmd();
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
     * The grace period waits for the XCMD, but the close after remove still reaches the parent's
     * chain, and the last close frees the shim table __fput reads next.
     */
    @JCStressTest
    @Description("misc.sync-srcu | xcmd vs remove: an XCMD ioctl on the EC bus while the EC is unbound")
    @Ref("PROTOCOLS.md §2(d) INV-MS2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "release touched the freed parent, or fops_put read the freed shim")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSrcu {
        final MiscMachine m = MiscMachine.probedAndOpen("misc.sync-srcu", 2);

        @Actor
        public void user() {
            m.xcmd();
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
     * The ioctl re-finds the device without a lock or a reference, so it may read or lock the
     * miscdevice devres freed; the open leaked a module reference, and a close after deregister
     * never reaches the driver's release.
     */
    @JCStressTest
    @Description("misc.mutex-as-posted | xcmd vs remove: an XCMD ioctl on the EC bus while the EC is unbound")
    @Ref("PROTOCOLS.md §2(e) 4, 5, 7")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the lookup read or locked a freed miscdevice")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING,
            desc = "the module reference, or the chardev_priv never released")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class MutexAsPosted {
        final MiscMachine m = MiscMachine.probedAndOpen("misc.mutex-as-posted", 2);

        @Actor
        public void user() {
            m.xcmd();
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
     * The wrapped ioctl is inside misc_srcu, so deregister waits for it, and the close finds the
     * parked context. No catalogued defect lives in this race: a finding here is news.
     */
    @JCStressTest
    @Description("misc.sync-register-srcu | xcmd vs remove: an XCMD ioctl on the EC bus while the EC is unbound")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncRegisterSrcu {
        final MiscMachine m = MiscMachine.probedAndOpen("misc.sync-register-srcu", 2);

        @Actor
        public void user() {
            m.xcmd();
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
     * The write side waits for the XCMD; later fops get -ENODEV; release only frees memory.
     */
    @JCStressTest
    @Description("misc.fenced | xcmd vs remove: an XCMD ioctl on the EC bus while the EC is unbound")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the XCMD finished first or saw -ENODEV")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fenced {
        final MiscMachine m = MiscMachine.probedAndOpen("misc.fenced", 2);

        @Actor
        public void user() {
            m.xcmd();
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
