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
 * A process opens daq0 and reads its status while daq0 is removed: the open may take its cdev
 * reference before cdev_del and still be inside chrdev_open when the driver frees its state.
 *
 * <pre>
 *   opener: open("/dev/daq0")                     remover: unbind
 *     chrdev_open: cdev_get(p)                      daq_remove: revoke; cdev_del; free struct daq
 *     reads p-&gt;ops (or what a patch put there)   &lt;-- the memory around p may be gone
 *   ioctl(GET_STATUS)
 * </pre>
 */
public class OpenVsRemove {

    /*
     * Nothing ties the state embedding the cdev to the open holding a reference on it.
     */
    @JCStressTest
    @Description("cdev.plain | open vs remove: a process opens the device and reads a register while it is removed")
    @Ref("PROTOCOLS.md §3(c) C1-C3")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "chrdev_open, the ioctl or the release touched freed state")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING, desc = "driver code ran after remove returned")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class Plain {
        final CdevMachine m = CdevMachine.probed("cdev.plain");

        @Actor
        public void opener() {
            m.openAndUse();
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
     * chrdev_open reads cdev->qregistered, and the ioctl qactive, in a struct put_device
     * may have freed; the client leaks.
     */
    @JCStressTest
    @Description("cdev.queued-as-posted | open vs remove: a process opens the device and reads a register while it is removed")
    @Ref("PROTOCOLS.md §3(e) 1, 2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the open or ioctl read the freed struct that embedded the cdev")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the client allocated in open was never freed")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class QueuedAsPosted {
        final CdevMachine m = CdevMachine.probed("cdev.queued-as-posted");

        @Actor
        public void opener() {
            m.openAndUse();
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
     * An open during revoke's write section takes sem.count for a module pointer; otherwise
     * the ioctl answers -ENOTTY and the freed cdev is reached.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-as-posted | open vs remove: a process opens the device and reads a register while it is removed")
    @Ref("PROTOCOLS.md §3(e') J1, J3")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "null-ptr-deref", expect = ACCEPTABLE_INTERESTING, desc = "fops_get dereferenced sem.count as the owner")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the open reached the cdev the driver freed")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the cdev_sync_data was never freed")
    @Outcome(id = "errno", expect = ACCEPTABLE_INTERESTING, desc = "the ioctl on a live device answered -ENOTTY")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchAsPosted {
        final CdevMachine m = CdevMachine.probed("cdev.sync-sketch-as-posted");

        @Actor
        public void opener() {
            m.openAndUse();
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
     * Every open oopses on fops_get(NULL); one that took its cdev reference before the
     * kfree reads the freed cdev first.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-is-sync-uninverted | open vs remove: a process opens the device and reads a register while it is removed")
    @Ref("PROTOCOLS.md §3(e') J3, J4")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the open read the freed cdev")
    @Outcome(id = "null-ptr-deref", expect = ACCEPTABLE_INTERESTING, desc = "cdev_sync_open used fops_get(sync->orig_fops) == NULL, or a NULL wait list")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the cdev_sync_data was never freed (the open failed before it oopsed)")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchIsSyncUninverted {
        final CdevMachine m = CdevMachine.probed("cdev.sync-sketch-is-sync-uninverted");

        @Actor
        public void opener() {
            m.openAndUse();
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
     * Every open recurses until the stack overflows; one that waited behind revoke drops
     * its cdev reference in freed memory.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-init-completed | open vs remove: a process opens the device and reads a register while it is removed")
    @Ref("PROTOCOLS.md §3(e') J2, J3")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the open dropped its cdev reference in freed memory")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING, desc = "cdev_sync_open recursed without end, or revoke waited for it")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the cdev_sync_data was never freed (the open failed before it recursed)")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchInitCompleted {
        final CdevMachine m = CdevMachine.probed("cdev.sync-sketch-init-completed");

        @Actor
        public void opener() {
            m.openAndUse();
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
     * The open works, the ioctl answers -ENOTTY, and an open holding a reference across the
     * kfree reaches the freed cdev.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-self-call-fixed | open vs remove: a process opens the device and reads a register while it is removed")
    @Ref("PROTOCOLS.md §3(e') J2, J3, J5")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the open or the close reached the freed cdev")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the cdev_sync_data was never freed")
    @Outcome(id = "errno", expect = ACCEPTABLE_INTERESTING, desc = "the ioctl on a live device answered -ENOTTY")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchSelfCallFixed {
        final CdevMachine m = CdevMachine.probed("cdev.sync-sketch-self-call-fixed");

        @Actor
        public void opener() {
            m.openAndUse();
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
     * The open's cdev reference pins the cdev and, through its parent, the state; a revoked
     * fence answers -ENXIO.
     */
    @JCStressTest
    @Description("cdev.fenced | open vs remove: a process opens the device and reads a register while it is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the open and ioctl worked, or got -ENXIO or -ENOENT")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "freed state was touched")
    @Outcome(id = "fence", expect = FORBIDDEN, desc = "driver code ran after remove returned")
    @Outcome(id = "leak", expect = FORBIDDEN, desc = "something was left allocated")
    @Outcome(id = "errno", expect = FORBIDDEN, desc = "a result outside the contract")
    @Outcome(id = "hang", expect = FORBIDDEN, desc = "remove or the open never finished")
    @Outcome(id = "null-ptr-deref", expect = FORBIDDEN, desc = "a NULL dereference")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fenced {
        final CdevMachine m = CdevMachine.probed("cdev.fenced");

        @Actor
        public void opener() {
            m.openAndUse();
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
