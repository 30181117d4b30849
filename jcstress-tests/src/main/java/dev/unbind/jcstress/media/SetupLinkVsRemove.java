package dev.unbind.jcstress.media;

import dev.unbind.subjects.media.Media;
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
 * MEDIA_IOC_SETUP_LINK is in flight while the device is unbound: under graph_mutex it calls the
 * driver's link_notify, which powers the pipeline with register writes.
 *
 * <pre>
 *   user: ioctl(fd, SETUP_LINK)                  remover: unbind
 *     registered?  yes
 *                                                  media_device_unregister; remove returns
 *                                                  devres: free_irq, iounmap
 *     link_notify: register writes      &lt;-- after remove returned, on unmapped registers
 * </pre>
 */
public class SetupLinkVsRemove {

    /*
     * Mainline: nothing waits for the ioctl, the media_device is freed at unbind and the registers
     * unmapped: use-after-free, NULL media_dev, or link_notify after remove.
     */
    @JCStressTest
    @Description("media.pre-series | setup link vs remove: an in-flight SETUP_LINK whose link_notify writes registers")
    @Ref("PROTOCOLS.md §1(c) B1")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the media_device or the registers were released under the ioctl")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING,
            desc = "link_notify ran after remove returned")
    @Outcome(id = "null-ptr-deref", expect = ACCEPTABLE_INTERESTING,
            desc = "devnode->media_dev cleared by unregister")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of mainline")
    @State
    public static class PreSeries {
        final MediaMachine m = MediaMachine.probedAndOpen("media.pre-series");

        @Actor
        public void user() {
            m.ioctl(Media.Ioctl.SETUP_LINK);
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
     * Refcounted mode: memory safe, but unregister returns with the ioctl still running:
     * link_notify writes registers devres unmapped, after remove returned.
     */
    @JCStressTest
    @Description("media.refcounted | setup link vs remove: an in-flight SETUP_LINK whose link_notify writes registers")
    @Ref("PROTOCOLS.md §1(e)7")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "link_notify wrote registers devres had unmapped")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING,
            desc = "link_notify ran after remove returned")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the refcounted mode as posted")
    @State
    public static class Refcounted {
        final MediaMachine m = MediaMachine.probedAndOpen("media.refcounted");

        @Actor
        public void user() {
            m.ioctl(Media.Ioctl.SETUP_LINK);
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
     * Compat mode: the ioctl that passed ref->registered reaches the freed media_device and the
     * unmapped registers.
     */
    @JCStressTest
    @Description("media.compat-ref | setup link vs remove: an in-flight SETUP_LINK whose link_notify writes registers")
    @Ref("PROTOCOLS.md §1(e)1")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the media_device or the registers were released under the ioctl")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING,
            desc = "link_notify ran after remove returned")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of compat mode as posted")
    @State
    public static class CompatRef {
        final MediaMachine m = MediaMachine.probedAndOpen("media.compat-ref");

        @Actor
        public void user() {
            m.ioctl(Media.Ioctl.SETUP_LINK);
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
     * Unregister waits for the ioctl's read-side section before remove returns and devres releases
     * the registers.
     */
    @JCStressTest
    @Description("media.refcounted-fenced | setup link vs remove: an in-flight SETUP_LINK whose link_notify writes registers")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: link_notify finished before remove returned, or the ioctl saw -EIO")
    @Outcome(id = "fence", expect = FORBIDDEN, desc = "link_notify ran after remove returned")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class RefcountedFenced {
        final MediaMachine m = MediaMachine.probedAndOpen("media.refcounted-fenced");

        @Actor
        public void user() {
            m.ioctl(Media.Ioctl.SETUP_LINK);
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
