package dev.unbind.jcstress.cdev;

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
 * The last fd is closed while daq0 is removed: whichever side is last drops the cdev's
 * kobject, and the driver's release may run before or after remove.
 *
 * <pre>
 *   closer: close(fd)                             remover: unbind
 *     __fput: release; cdev_put(inode-&gt;i_cdev)     daq_remove: cdev_del; free struct daq
 * </pre>
 */
public class CloseVsRemove {

    /*
     * A close after the kfree runs the driver's release on freed state and puts a kobject in
     * freed memory.
     */
    @JCStressTest
    @Description("cdev.plain | close vs remove: the last fd is closed while the device is removed")
    @Ref("PROTOCOLS.md §3(c) C2, C3")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "release or cdev_put touched the freed state that embedded the cdev")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class Plain {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.plain");

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
     * No release hook: the client leaks; a close after put_device puts a kobject in the
     * freed struct.
     */
    @JCStressTest
    @Description("cdev.queued-as-posted | close vs remove: the last fd is closed while the device is removed")
    @Ref("PROTOCOLS.md §3(e) 1, 2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "cdev_put touched the freed struct that embedded the cdev")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the client allocated in open was never freed")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class QueuedAsPosted {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.queued-as-posted");

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
     * The file's f_op is the cdev_sync_data read as file_operations: no release runs; a
     * close after the kfree puts a kobject in freed memory; sync leaks.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-as-posted | close vs remove: the last fd is closed while the device is removed")
    @Ref("PROTOCOLS.md §3(e') J1, J3, J5")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "cdev_put touched the freed cdev")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the cdev_sync_data was never freed")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchAsPosted {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.sync-sketch-as-posted");

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
     * The setup's open already oopses on fops_get(NULL).
     */
    @JCStressTest
    @Description("cdev.sync-sketch-is-sync-uninverted | close vs remove: the last fd is closed while the device is removed")
    @Ref("PROTOCOLS.md §3(e') J4")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "null-ptr-deref", expect = ACCEPTABLE_INTERESTING, desc = "cdev_sync_open used fops_get(sync->orig_fops) == NULL, or revoke queued on a NULL wait list")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchIsSyncUninverted {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.sync-sketch-is-sync-uninverted");

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
     * The setup's open recurses until the stack overflows.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-init-completed | close vs remove: the last fd is closed while the device is removed")
    @Ref("PROTOCOLS.md §3(e') J2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING, desc = "cdev_sync_open recursed without end, or revoke waited for the dead task's read locks")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchInitCompleted {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.sync-sketch-init-completed");

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
     * cdev_sync_release reaches sync through inode->i_cdev, freed by the driver after
     * revoke; sync leaks.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-self-call-fixed | close vs remove: the last fd is closed while the device is removed")
    @Ref("PROTOCOLS.md §3(e') J3, J5")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "cdev_sync_release read the freed cdev, or the driver's release ran on freed state")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the cdev_sync_data was never freed")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchSelfCallFixed {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.sync-sketch-self-call-fixed");

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
     * The release runs whether or not the device is revoked and touches only memory the
     * file pins; the last of the two frees the state.
     */
    @JCStressTest
    @Description("cdev.fenced | close vs remove: the last fd is closed while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "freed state was touched")
    @Outcome(id = "fence", expect = FORBIDDEN, desc = "driver code other than release ran after remove returned")
    @Outcome(id = "leak", expect = FORBIDDEN, desc = "something was left allocated")
    @Outcome(id = "errno", expect = FORBIDDEN, desc = "a result outside the contract")
    @Outcome(id = "hang", expect = FORBIDDEN, desc = "remove or close never finished")
    @Outcome(id = "null-ptr-deref", expect = FORBIDDEN, desc = "a NULL dereference")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fenced {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.fenced");

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
