package dev.unbind.jcstress.uio;

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
 * tcmu-runner exits while the backstore is deleted: whether the driver hears of the close
 * depends on which side takes info_lock first.
 *
 * <pre>
 *   daemon: munmap, close                     admin: rmdir backstore
 *     uio_release: info_lock                    tcmu_destroy_device: uio_unregister_device
 *       info set?   tcmu_release (kref_put)       info_lock; idev-&gt;info = NULL
 *       info NULL?  nothing (or late_release)     kref_put (configure); tcmu_free_device
 * </pre>
 */
public class CloseVsDelete {

    /*
     * The open file holds a tcmu_dev reference that only tcmu_release drops; uio skips it once
     * unregister cleared idev->info, so the ring and the device leak.
     */
    @JCStressTest
    @Description("uio.mainline | close vs delete: tcmu-runner exits (munmap, close) while the backstore is deleted")
    @Ref("PROTOCOLS.md §5(c) U1")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "the close came first: tcmu_release dropped the open's reference")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING,
            desc = "the delete came first: the release was never called and the ring leaked")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of mainline uio")
    @State
    public static class Mainline {
        final UioMachine m = UioMachine.tcmuRunning("uio.mainline");

        @Actor
        public void daemon() {
            m.daemonExits();
        }

        @Actor
        public void admin() {
            m.delete();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The leak is gone, but a close after the delete reaches the driver through late_release:
     * Greg's rule, checked as a fence, is broken.
     */
    @JCStressTest
    @Description("uio.late-release | close vs delete: tcmu-runner exits (munmap, close) while the backstore is deleted")
    @Ref("PROTOCOLS.md §5(d) INV-U1")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "the close came first: the ordinary release ran")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING,
            desc = "the delete came first: late_release ran after uio_unregister_device returned")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the posted patch")
    @State
    public static class LateRelease {
        final UioMachine m = UioMachine.tcmuRunning("uio.late-release");

        @Actor
        public void daemon() {
            m.daemonExits();
        }

        @Actor
        public void admin() {
            m.delete();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The reference belongs to the VMA and is dropped in vm_ops close, before the file is released:
     * no catalogued defect of this variant lives in this race.
     */
    @JCStressTest
    @Description("uio.vma-refcount | close vs delete: tcmu-runner exits (munmap, close) while the backstore is deleted")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding (expected: no catalogued defect in this race)")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "a finding of the merged fix in this race would be news")
    @State
    public static class VmaRefcount {
        final UioMachine m = UioMachine.tcmuRunning("uio.vma-refcount");

        @Actor
        public void daemon() {
            m.daemonExits();
        }

        @Actor
        public void admin() {
            m.delete();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The per-VMA reference, and unregister pays the release owed to the open file itself: nothing
     * leaks and nothing is called after unregister returned.
     */
    @JCStressTest
    @Description("uio.fenced | close vs delete: tcmu-runner exits (munmap, close) while the backstore is deleted")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = {"leak", "fence"}, expect = FORBIDDEN, desc = "what a defective variant shows in this race")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fenced {
        final UioMachine m = UioMachine.tcmuRunning("uio.fenced");

        @Actor
        public void daemon() {
            m.daemonExits();
        }

        @Actor
        public void admin() {
            m.delete();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }
}
