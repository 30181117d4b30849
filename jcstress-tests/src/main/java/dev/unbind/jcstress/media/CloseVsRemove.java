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
 * The last fd is closed while the device is unbound: media_device_close unlinks the handle from
 * mdev-&gt;fh_list under fh_list_lock, inside the media_device.
 *
 * <pre>
 *   closer: close(fd)                            remover: unbind
 *     media_device_close: ref-&gt;registered?  1
 *                                                  ref-&gt;registered = 0; driver frees isp_device
 *     spin_lock_irq(&amp;mdev-&gt;fh_list_lock)  &lt;-- use-after-free in compat mode
 * </pre>
 */
public class CloseVsRemove {

    /*
     * Mainline: the devnode the file holds is refcounted and close touches nothing else. No
     * catalogued defect of this variant lives in this race.
     */
    @JCStressTest
    @Description("media.pre-series | close vs remove: the last fd is closed while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding (expected: close only touches the refcounted devnode)")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the close read freed memory")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of mainline")
    @State
    public static class PreSeries {
        final MediaMachine m = MediaMachine.probedAndOpen("media.pre-series");

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
     * Refcounted mode: the file's reference keeps the media_device, so the unlink is safe
     * whichever side comes first. No catalogued defect of this variant lives in this race.
     */
    @JCStressTest
    @Description("media.refcounted | close vs remove: the last fd is closed while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding (expected: the file's reference keeps the media_device)")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the close read freed memory")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the refcounted mode as posted")
    @State
    public static class Refcounted {
        final MediaMachine m = MediaMachine.probedAndOpen("media.refcounted");

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
     * Compat mode: the close tests ref->registered without a lock, then takes fh_list_lock inside
     * the media_device the driver may have freed in between.
     */
    @JCStressTest
    @Description("media.compat-ref | close vs remove: the last fd is closed while the device is removed")
    @Ref("PROTOCOLS.md §1(e)2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "fh_list_lock taken in the freed isp_device")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of compat mode as posted")
    @State
    public static class CompatRef {
        final MediaMachine m = MediaMachine.probedAndOpen("media.compat-ref");

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
     * Refcounted memory, handles left on the list until their own close: safe whichever side comes
     * first.
     */
    @JCStressTest
    @Description("media.refcounted-fenced | close vs remove: the last fd is closed while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "the close read freed memory")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class RefcountedFenced {
        final MediaMachine m = MediaMachine.probedAndOpen("media.refcounted-fenced");

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
