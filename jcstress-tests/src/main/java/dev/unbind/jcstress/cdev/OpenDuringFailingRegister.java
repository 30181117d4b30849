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
 * An opener races a probe whose last step (request_irq) fails after the nodes became visible
 * (fault {@value CdevMachine#FAILING_REGISTER}): the error path tears down like remove, and an fd
 * opened in the window keeps whatever it reaches.
 *
 * <pre>
 *   prober: probe                                 opener: open("/dev/daq0")
 *     cdev added, nodes visible
 *                                                   open succeeds: fd on the new cdev
 *     request_irq fails: teardown, free state
 *                                                   ioctl(GET_STATUS)   &lt;-- freed state?
 * </pre>
 */
public class OpenDuringFailingRegister {

    /*
     * The error path is remove's cdev_del and kfree: the window's fd runs the driver on
     * freed state.
     */
    @JCStressTest
    @Description("cdev.plain | open during failing register: an opener races a probe whose last step fails")
    @Ref("PROTOCOLS.md §8 12")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the window's fd touched freed state")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING, desc = "driver code ran after the failed probe returned")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class Plain {
        final CdevMachine m = CdevMachine.withFailingRegister("cdev.plain");

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.openAndUse();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The error path drains and deletes the cdev, then put_device frees it while the window's
     * fd still reaches it.
     */
    @JCStressTest
    @Description("cdev.queued-as-posted | open during failing register: an opener races a probe whose last step fails")
    @Ref("PROTOCOLS.md §3(f), §3(e) 1")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the window's fd reached the freed struct that embedded the cdev")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the client allocated in open was never freed")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class QueuedAsPosted {
        final CdevMachine m = CdevMachine.withFailingRegister("cdev.queued-as-posted");

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.openAndUse();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The window's fd answers -ENOTTY and reaches the freed cdev at close; sync leaks.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-as-posted | open during failing register: an opener races a probe whose last step fails")
    @Ref("PROTOCOLS.md §3(e') J1, J3, J5")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the close reached the freed cdev")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the cdev_sync_data was never freed")
    @Outcome(id = "null-ptr-deref", expect = ACCEPTABLE_INTERESTING, desc = "an open during the teardown's revoke took sem.count for a module pointer")
    @Outcome(id = "errno", expect = ACCEPTABLE_INTERESTING, desc = "the ioctl answered -ENOTTY")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchAsPosted {
        final CdevMachine m = CdevMachine.withFailingRegister("cdev.sync-sketch-as-posted");

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.openAndUse();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The window's open oopses on fops_get(NULL).
     */
    @JCStressTest
    @Description("cdev.sync-sketch-is-sync-uninverted | open during failing register: an opener races a probe whose last step fails")
    @Ref("PROTOCOLS.md §3(e') J4")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the open read the freed cdev")
    @Outcome(id = "null-ptr-deref", expect = ACCEPTABLE_INTERESTING, desc = "cdev_sync_open used fops_get(sync->orig_fops) == NULL, or a NULL wait list")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the cdev_sync_data was never freed (the open failed before it oopsed)")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchIsSyncUninverted {
        final CdevMachine m = CdevMachine.withFailingRegister("cdev.sync-sketch-is-sync-uninverted");

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.openAndUse();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The window's open recurses until the stack overflows.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-init-completed | open during failing register: an opener races a probe whose last step fails")
    @Ref("PROTOCOLS.md §3(e') J2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the open dropped its cdev reference in freed memory")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING, desc = "cdev_sync_open recursed without end, or the teardown's revoke waited for it")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the cdev_sync_data was never freed (the open failed before it recursed)")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchInitCompleted {
        final CdevMachine m = CdevMachine.withFailingRegister("cdev.sync-sketch-init-completed");

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.openAndUse();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The window's fd answers -ENOTTY, and its close reaches sync through the freed cdev.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-self-call-fixed | open during failing register: an opener races a probe whose last step fails")
    @Ref("PROTOCOLS.md §3(e') J2, J3")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the close reached the freed cdev")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the cdev_sync_data was never freed")
    @Outcome(id = "errno", expect = ACCEPTABLE_INTERESTING, desc = "the ioctl answered -ENOTTY")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchSelfCallFixed {
        final CdevMachine m = CdevMachine.withFailingRegister("cdev.sync-sketch-self-call-fixed");

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.openAndUse();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The error path revokes like remove: the window's fd gets -ENXIO, and its file pins the
     * state until it closes.
     */
    @JCStressTest
    @Description("cdev.fenced | open during failing register: an opener races a probe whose last step fails")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the open failed, or the fd saw -ENXIO")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "the window's fd reached freed state")
    @Outcome(id = "fence", expect = FORBIDDEN, desc = "driver code ran after the failed probe returned")
    @Outcome(id = "leak", expect = FORBIDDEN, desc = "something was left allocated")
    @Outcome(id = "errno", expect = FORBIDDEN, desc = "a result outside the contract")
    @Outcome(id = "hang", expect = FORBIDDEN, desc = "probe or the open never finished")
    @Outcome(id = "null-ptr-deref", expect = FORBIDDEN, desc = "a NULL dereference")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fenced {
        final CdevMachine m = CdevMachine.withFailingRegister("cdev.fenced");

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.openAndUse();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }
}
