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
 * The canonical race of the family: an ioctl that reads the hardware is in flight on an open fd
 * while the device is unplugged.
 *
 * <pre>
 *   user: ioctl(fd, DETECT)                      remover: unbind
 *     drm_ioctl: !dev->unplugged  ok
 *                                                  remove(); devres: iounmap(mmio)
 *     connector->detect: readl(mmio)   &lt;-- use-after-free unless remove waited for it
 * </pre>
 *
 * The arbiter then closes the fd, unloads the modules and checks for leaks, so the outcome also
 * covers what the teardown itself does wrong.
 */
public class IoctlVsRemove {

    /*
     * Remove only unregisters: nothing filters or waits for an ioctl on an open fd, and KMS
     * objects are devm-allocated. The ioctl reads registers devres unmapped, and the last
     * drm_dev_put walks a mode_config whose plane and connector devres already freed.
     */
    @JCStressTest
    @Description("drm.unregister-only | ioctl vs remove: an in-flight DETECT ioctl while the device is removed")
    @Ref("PROTOCOLS.md §6(c) D-R1, D-R3")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "registers read after devres unmapped them, or devm KMS objects walked at the last put")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the unfixed remove path")
    @State
    public static class UnregisterOnly {
        final DrmMachine m = DrmMachine.probedAndOpen("drm.unregister-only");

        @Actor
        public void user() {
            m.ioctl(Drm.Ioctl.DETECT);
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
     * Remove calls drm_dev_unplug, whose grace period waits for drm_dev_enter sections. But
     * connector->detect is not bracketed: an ioctl that passed drm_ioctl's unplugged test (a
     * hint, not a fence) still reads the HPD register after devres unmapped it.
     */
    @JCStressTest
    @Description("drm.unplug-enter-exit | ioctl vs remove: an in-flight DETECT ioctl while the device is removed")
    @Ref("PROTOCOLS.md §6(e) 1")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "unbracketed detect read the HPD register after devres unmapped it")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the fix as described")
    @State
    public static class UnplugEnterExit {
        final DrmMachine m = DrmMachine.probedAndOpen("drm.unplug-enter-exit");

        @Actor
        public void user() {
            m.ioctl(Drm.Ioctl.DETECT);
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
     * Detect is inside drm_dev_enter/exit too, so remove's grace period waits for it and a later
     * ioctl gets -ENODEV. Any finding here is a bug in the fix or in the model.
     */
    @JCStressTest
    @Description("drm.quiesced | ioctl vs remove: an in-flight DETECT ioctl while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the ioctl finished first or saw -ENODEV")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "a register read escaped the grace period")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Quiesced {
        final DrmMachine m = DrmMachine.probedAndOpen("drm.quiesced");

        @Actor
        public void user() {
            m.ioctl(Drm.Ioctl.DETECT);
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
