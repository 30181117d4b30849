package dev.unbind.jcstress.drm;

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
 * The last fd is closed while the device is removed: whichever of drm_release and remove's
 * devres drops the last drm_device reference runs drm_dev_release, which walks mode_config and
 * runs the drmm actions.
 *
 * <pre>
 *   closer: close(fd)                             remover: unbind
 *     drm_release: drm_dev_put                      remove(); devres: kfree(plane), drm_dev_put
 *   whoever is last: drm_dev_release -&gt; drm_mode_config_cleanup reads every KMS object
 * </pre>
 */
public class CloseVsRemove {

    /*
     * KMS objects are devm-allocated: devres frees the plane and connector at unbind while
     * mode_config still lists them, so the release at the last put reads freed memory whichever
     * side comes last.
     */
    @JCStressTest
    @Description("drm.unregister-only | close vs remove: the last fd is closed while the device is removed")
    @Ref("PROTOCOLS.md §6(c) D-R3")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "drm_mode_config_cleanup read KMS objects devres had freed")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the unfixed remove path")
    @State
    public static class UnregisterOnly {
        final DrmMachine m = DrmMachine.probedAndOpen("drm.unregister-only");

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
     * KMS objects are drmm-allocated and freed at the last put, after the walk. No catalogued
     * defect of this variant lives in this race: a finding here is news, not a known defect.
     */
    @JCStressTest
    @Description("drm.unplug-enter-exit | close vs remove: the last fd is closed while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding (expected: no catalogued defect in this race)")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the release read freed memory")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the fix as described")
    @State
    public static class UnplugEnterExit {
        final DrmMachine m = DrmMachine.probedAndOpen("drm.unplug-enter-exit");

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
     * Same object lifetimes as the described fix, and the helper module is pinned by its drmm
     * action: the release is correct whichever side drops the last reference.
     */
    @JCStressTest
    @Description("drm.quiesced | close vs remove: the last fd is closed while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "the release read freed memory")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Quiesced {
        final DrmMachine m = DrmMachine.probedAndOpen("drm.quiesced");

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
