package dev.unbind.jcstress.media;

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
 * A process with a static /dev node opens media0 while a probe runs whose cdev_device_add fails
 * after the char device was mapped (fault {@value MediaMachine#FAILING_DEVICE_ADD}). The arbiter
 * then calls an ioctl on the window's fd, which must fail with -EIO, and quiesces.
 *
 * <pre>
 *   prober: probe                                opener: open(static node for media0)
 *     REGISTERED set; cdev_add: mapped
 *                                                  chrdev_open finds the cdev; media_open: REGISTERED
 *     device_add fails: cdev_del, minor freed
 *     (REGISTERED and ref-&gt;registered stay set)
 *   arbiter: ioctl(window fd)     &lt;-- 0 instead of -EIO, or a freed compat ref / media_device
 * </pre>
 */
public class OpenDuringFailingRegister {

    /*
     * Mainline sets REGISTERED only after cdev_device_add succeeded, and its error path frees the
     * devnode the failed open never got. No catalogued defect of this variant lives in this race.
     */
    @JCStressTest
    @Description("media.pre-series | open during failing register: a static-node opener races a probe whose cdev_device_add fails")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding (expected: the window's open saw -ENXIO)")
    @Outcome(id = "errno", expect = ACCEPTABLE_INTERESTING,
            desc = "the window's fd got past a failed registration")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of mainline")
    @State
    public static class PreSeries {
        final MediaMachine m = MediaMachine.withFailingDeviceAdd("media.pre-series");

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.openNode();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * REGISTERED is set before cdev_device_add and left set when it fails: the window's fd passes
     * every later test, so its ioctl succeeds on a device whose probe failed.
     */
    @JCStressTest
    @Description("media.refcounted | open during failing register: a static-node opener races a probe whose cdev_device_add fails")
    @Ref("PROTOCOLS.md §1(f)")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "errno", expect = ACCEPTABLE_INTERESTING,
            desc = "the window's ioctl returned 0 after the probe failed")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the refcounted mode as posted")
    @State
    public static class Refcounted {
        final MediaMachine m = MediaMachine.withFailingDeviceAdd("media.refcounted");

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.openNode();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * Compat mode: ref->registered stays 1 and the driver's unregister in its error path frees the
     * compat ref the window's fd still holds.
     */
    @JCStressTest
    @Description("media.compat-ref | open during failing register: a static-node opener races a probe whose cdev_device_add fails")
    @Ref("PROTOCOLS.md §1(f)")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the window's fd reached the freed compat ref or media_device")
    @Outcome(id = "refcount", expect = ACCEPTABLE_INTERESTING,
            desc = "the error paths put the compat ref and its char device twice")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of compat mode as posted")
    @State
    public static class CompatRef {
        final MediaMachine m = MediaMachine.withFailingDeviceAdd("media.compat-ref");

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.openNode();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * A failed cdev_device_add clears REGISTERED and waits for the fops' grace period before probe
     * unwinds: the window's fd only sees -EIO.
     */
    @JCStressTest
    @Description("media.refcounted-fenced | open during failing register: a static-node opener races a probe whose cdev_device_add fails")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the open failed, or the fd saw -EIO")
    @Outcome(id = "errno", expect = FORBIDDEN, desc = "the window's fd got past a failed registration")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class RefcountedFenced {
        final MediaMachine m = MediaMachine.withFailingDeviceAdd("media.refcounted-fenced");

        @Actor
        public void prober() {
            m.probe();
        }

        @Actor
        public void opener() {
            m.openNode();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }
}
