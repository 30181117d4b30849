package dev.unbind.jcstress.drm;

import dev.unbind.subjects.drm.Drm;
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
 * A nonblocking atomic commit is queued while the device is removed. The commit's tail runs in a
 * kworker the model spawns; the arbiter waits for it before it quiesces.
 *
 * <pre>
 *   user: ioctl(fd, ATOMIC_NONBLOCK)              remover: unbind
 *     queue_work(commit_work)
 *                                                   remove(); shutdown commit; devres: clk_put, iounmap
 *   kworker: commit_tail
 *     program planes: writel(mmio)     &lt;-- use-after-free, and commit work after remove (fence)
 *     cleanup_fb: IOMMU unmap via clk  &lt;-- use-after-free
 * </pre>
 */
public class CommitVsRemove {

    /*
     * Remove unregisters and runs the shutdown commit but never waits for a queued commit: its
     * tail programs registers and unmaps framebuffers through resources devres released, after
     * remove returned.
     */
    @JCStressTest
    @Description("drm.unregister-only | commit vs remove: a nonblocking commit is queued while the device is removed")
    @Ref("PROTOCOLS.md §6(c) D-R2, §6(d) INV-D5")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the commit tail touched registers or the clock after devres released them")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING, desc = "commit work ran after remove returned")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the display was left scanning out after remove")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the unfixed remove path")
    @State
    public static class UnregisterOnly {
        final DrmMachine m = DrmMachine.probedAndOpen("drm.unregister-only");

        @Actor
        public void user() {
            m.ioctl(Drm.Ioctl.ATOMIC_NONBLOCK);
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
     * drm_dev_unplug drains drm_dev_enter sections, not the queued commit work: the tail's
     * hardware part is skipped, but cleanup_fb still uses the released clock, a skipped commit
     * never signals flip_done (the shutdown commit stalls), and shutdown's own disable is skipped.
     */
    @JCStressTest
    @Description("drm.unplug-enter-exit | commit vs remove: a nonblocking commit is queued while the device is removed")
    @Ref("PROTOCOLS.md §6(c) D-R2, D-R5, §6(e) 3")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "cleanup_fb used the clock after remove released it")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING, desc = "a skipped commit never signalled flip_done: shutdown stalled")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING, desc = "commit work ran after remove returned")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "shutdown's disable was skipped: the display still scans out")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the fix as described")
    @State
    public static class UnplugEnterExit {
        final DrmMachine m = DrmMachine.probedAndOpen("drm.unplug-enter-exit");

        @Actor
        public void user() {
            m.ioctl(Drm.Ioctl.ATOMIC_NONBLOCK);
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
     * The commit is queued inside drm_dev_enter, remove flushes every queued commit before it
     * returns and disables the scanout it still owns, and a skipped commit still signals.
     */
    @JCStressTest
    @Description("drm.quiesced | commit vs remove: a nonblocking commit is queued while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the commit ran before remove returned, or got -ENODEV")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "commit work touched released resources")
    @Outcome(id = "hang", expect = FORBIDDEN, desc = "a commit never signalled")
    @Outcome(id = "fence", expect = FORBIDDEN, desc = "a fence was crossed (commit work after remove, a grace period)")
    @Outcome(id = "leak", expect = FORBIDDEN, desc = "something was left on or allocated")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Quiesced {
        final DrmMachine m = DrmMachine.probedAndOpen("drm.quiesced");

        @Actor
        public void user() {
            m.ioctl(Drm.Ioctl.ATOMIC_NONBLOCK);
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
