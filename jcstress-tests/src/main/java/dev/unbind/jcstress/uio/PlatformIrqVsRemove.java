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
 * The platform device raises its interrupt while it is removed, with no file open: its handler
 * calls uio_event_notify, and the line is only freed by devres after remove returned.
 *
 * <pre>
 *   device: irq                               remover: unbind
 *                                               uio_unregister_device: device_unregister
 *                                                 (no file open) kfree(idev)
 *     handler: uio_event_notify(info)
 *       info-&gt;uio_dev-&gt;event++   &lt;-- use-after-free
 *                                               devres: free_irq, kfree(info)
 * </pre>
 */
public class PlatformIrqVsRemove {

    /*
     * unregister leaves info->uio_dev pointing at idev, which the last put_device frees.
     */
    @JCStressTest
    @Description("uio.mainline | platform irq vs remove: the device raises its interrupt while it is removed")
    @Ref("PROTOCOLS.md §5(e) 5")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "the interrupt came before unregister, or after free_irq")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "uio_event_notify wrote the freed uio_device")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding")
    @State
    public static class Mainline {
        final UioMachine m = UioMachine.platformBound("uio.mainline");

        @Actor
        public void device() {
            m.interrupt();
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
     * unregister leaves info->uio_dev pointing at idev, which the last put_device frees.
     */
    @JCStressTest
    @Description("uio.late-release | platform irq vs remove: the device raises its interrupt while it is removed")
    @Ref("PROTOCOLS.md §5(e) 5")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "the interrupt came before unregister, or after free_irq")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "uio_event_notify wrote the freed uio_device")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding")
    @State
    public static class LateRelease {
        final UioMachine m = UioMachine.platformBound("uio.late-release");

        @Actor
        public void device() {
            m.interrupt();
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
     * unregister leaves info->uio_dev pointing at idev, which the last put_device frees.
     */
    @JCStressTest
    @Description("uio.vma-refcount | platform irq vs remove: the device raises its interrupt while it is removed")
    @Ref("PROTOCOLS.md §5(e) 5")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "the interrupt came before unregister, or after free_irq")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "uio_event_notify wrote the freed uio_device")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding")
    @State
    public static class VmaRefcount {
        final UioMachine m = UioMachine.platformBound("uio.vma-refcount");

        @Actor
        public void device() {
            m.interrupt();
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
     * unregister clears info->uio_dev and waits for an RCU grace period before the last put.
     */
    @JCStressTest
    @Description("uio.fenced | platform irq vs remove: the device raises its interrupt while it is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: a notify after unregister finds info->uio_dev NULL")
    @Outcome(id = {"use-after-free"}, expect = FORBIDDEN, desc = "what a defective variant shows in this race")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fenced {
        final UioMachine m = UioMachine.platformBound("uio.fenced");

        @Actor
        public void device() {
            m.interrupt();
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
