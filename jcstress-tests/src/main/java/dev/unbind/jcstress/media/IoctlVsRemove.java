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
 * The canonical race of the family: MEDIA_IOC_G_TOPOLOGY, which walks the graph inside the
 * media_device, is in flight on an open fd while the device is unbound.
 *
 * <pre>
 *   user: ioctl(fd, G_TOPOLOGY)                  remover: unbind
 *     REGISTERED / ref-&gt;registered?  yes
 *                                                  media_device_unregister; driver frees isp_device
 *     mutex_lock(&amp;mdev-&gt;graph_mutex)   &lt;-- NULL / use-after-free unless the memory is refcounted
 * </pre>
 *
 * The arbiter then closes the fd, unloads the modules and checks for leaks.
 */
public class IoctlVsRemove {

    /*
     * Mainline: the REGISTERED test is unlocked and unregister clears devnode->media_dev, then the
     * driver frees the media_device: the ioctl dereferences NULL or the freed isp_device.
     */
    @JCStressTest
    @Description("media.pre-series | ioctl vs remove: an in-flight G_TOPOLOGY ioctl while the device is removed")
    @Ref("PROTOCOLS.md §1(c) B1")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "graph_mutex or the graph in the isp_device devres freed")
    @Outcome(id = "null-ptr-deref", expect = ACCEPTABLE_INTERESTING,
            desc = "devnode->media_dev cleared by unregister")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of mainline")
    @State
    public static class PreSeries {
        final MediaMachine m = MediaMachine.probedAndOpen("media.pre-series");

        @Actor
        public void user() {
            m.ioctl(Media.Ioctl.G_TOPOLOGY);
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
     * Refcounted mode: the media_device is freed only by ops->release at the last reference, which
     * the open fd holds. No catalogued defect of this variant lives in this race: a finding here
     * is news.
     */
    @JCStressTest
    @Description("media.refcounted | ioctl vs remove: an in-flight G_TOPOLOGY ioctl while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding (expected: the walk is memory only and the memory is refcounted)")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the walk read freed memory")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the refcounted mode as posted")
    @State
    public static class Refcounted {
        final MediaMachine m = MediaMachine.probedAndOpen("media.refcounted");

        @Actor
        public void user() {
            m.ioctl(Media.Ioctl.G_TOPOLOGY);
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
     * Compat mode: ref->registered is tested as unlocked as mainline's flag, and the driver still
     * frees the media_device at unbind: the "best effort" window.
     */
    @JCStressTest
    @Description("media.compat-ref | ioctl vs remove: an in-flight G_TOPOLOGY ioctl while the device is removed")
    @Ref("PROTOCOLS.md §1(e)1")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "devnode->fops or graph_mutex read in the isp_device the driver freed")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of compat mode as posted")
    @State
    public static class CompatRef {
        final MediaMachine m = MediaMachine.probedAndOpen("media.compat-ref");

        @Actor
        public void user() {
            m.ioctl(Media.Ioctl.G_TOPOLOGY);
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
     * The test and the call are one SRCU read-side section and unregister waits for it; the memory
     * is refcounted. Any finding here is a bug in the fix or in the model.
     */
    @JCStressTest
    @Description("media.refcounted-fenced | ioctl vs remove: an in-flight G_TOPOLOGY ioctl while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the walk finished first or saw -EIO")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "the walk read freed memory")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class RefcountedFenced {
        final MediaMachine m = MediaMachine.probedAndOpen("media.refcounted-fenced");

        @Actor
        public void user() {
            m.ioctl(Media.Ioctl.G_TOPOLOGY);
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
