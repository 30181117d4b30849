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
 * The ISP's interrupt fires while the device is unbound with no file open. Its handler records
 * the status in the isp_device; the interrupt is freed by devres after remove returns.
 *
 * <pre>
 *   irq: isp_isr                                 remover: unbind
 *                                                  media_device_put: last reference -&gt; kfree(isp)
 *     isp-&gt;status = ...        &lt;-- use-after-free (devres frees the IRQ only after remove)
 *                                                  devres: free_irq
 * </pre>
 */
public class IrqVsRemove {

    /*
     * Mainline: the context is devm, allocated before the IRQ was requested, so devres frees the
     * IRQ first (LIFO). No catalogued defect of this variant lives in this race.
     */
    @JCStressTest
    @Description("media.pre-series | irq vs remove: the interrupt fires while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding (expected: devres frees the IRQ before the context)")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the handler ran on a freed context")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of mainline")
    @State
    public static class PreSeries {
        final MediaMachine m = MediaMachine.probed("media.pre-series");

        @Actor
        public void irq() {
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
     * Refcounted mode as the series converts ipu3-cio2: remove's media_device_put drops the last
     * reference and ops->release frees the context while the devm IRQ is still requested.
     */
    @JCStressTest
    @Description("media.refcounted | irq vs remove: the interrupt fires while the device is removed")
    @Ref("PROTOCOLS.md §1(e)7")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the handler ran on the context ops->release freed")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the refcounted mode as posted")
    @State
    public static class Refcounted {
        final MediaMachine m = MediaMachine.probed("media.refcounted");

        @Actor
        public void irq() {
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
     * Compat mode keeps the legacy driver's devm context: devres frees the IRQ first. No
     * catalogued defect of this variant lives in this race.
     */
    @JCStressTest
    @Description("media.compat-ref | irq vs remove: the interrupt fires while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding (expected: devres frees the IRQ before the context)")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the handler ran on a freed context")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of compat mode as posted")
    @State
    public static class CompatRef {
        final MediaMachine m = MediaMachine.probed("media.compat-ref");

        @Actor
        public void irq() {
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
     * The driver drops its reference from a devm action registered before the IRQ, so devres frees
     * the IRQ first.
     */
    @JCStressTest
    @Description("media.refcounted-fenced | irq vs remove: the interrupt fires while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "the handler ran on a freed context")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class RefcountedFenced {
        final MediaMachine m = MediaMachine.probed("media.refcounted-fenced");

        @Actor
        public void irq() {
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
