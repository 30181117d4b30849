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
 * An opener races a probe whose drm_dev_register fails after the minor became visible (fault
 * {@value DrmMachine#FAILING_REGISTER}): the probe's error path unregisters the minor and devres
 * releases the hardware, but an fd opened in the window keeps the drm_device.
 *
 * <pre>
 *   prober: probe                                 opener: open("/dev/dri/card0")
 *     drm_dev_register: minor visible
 *                                                   drm_stub_open -&gt; drm_open: fd holds the device
 *     modeset_register_all fails: unregister minor
 *     devres: iounmap(mmio)
 *                                                   ioctl(GET_PARAM): readl(mmio)   &lt;-- use-after-free
 * </pre>
 */
public class OpenDuringFailingRegister {

    /*
     * The error path only unregisters the minor; unplugged is never set, so the window's fd
     * passes drm_ioctl's test and its handler reads registers devres released.
     */
    @JCStressTest
    @Description("drm.unregister-only | open during failing register: an opener races a probe whose drm_dev_register fails")
    @Ref("PROTOCOLS.md §6(e) 4")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the window's fd ran driver code on released resources, or devm KMS objects were walked at the last put")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the unfixed error path")
    @State
    public static class UnregisterOnly {
        final DrmMachine m = DrmMachine.withFailingRegister("drm.unregister-only");

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
     * The fix unplugs in remove, not in probe's error path: drm_dev_enter still succeeds for the
     * window's fd after devres released the hardware.
     */
    @JCStressTest
    @Description("drm.unplug-enter-exit | open during failing register: an opener races a probe whose drm_dev_register fails")
    @Ref("PROTOCOLS.md §6(e) 4")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the window's fd entered the device after devres released the hardware")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the fix as described")
    @State
    public static class UnplugEnterExit {
        final DrmMachine m = DrmMachine.withFailingRegister("drm.unplug-enter-exit");

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
     * A failed register unplugs the device before probe returns: the window's fd only ever sees
     * -ENODEV.
     */
    @JCStressTest
    @Description("drm.quiesced | open during failing register: an opener races a probe whose drm_dev_register fails")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the open failed, or the fd saw -ENODEV")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "the window's fd reached released resources")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Quiesced {
        final DrmMachine m = DrmMachine.withFailingRegister("drm.quiesced");

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
