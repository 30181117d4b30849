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
 * tcmu-runner opens /dev/uio0 and maps the ring while the backstore is being configured, and the
 * configuration fails at the netlink add event (fault {@value UioMachine#FAILING_NETLINK}), after
 * uio_register_device made the node openable. After the race the daemon faults on its ring again.
 *
 * <pre>
 *   admin: create backstore                   daemon: open /dev/uio0, mmap the ring
 *     uio_register_device: node visible
 *                                               tcmu_open; tcmu_mmap
 *     netlink add event fails
 *       err_netlink: unregister; err_register: vfree(ring)
 *                                               fault on the ring   &lt;-- use-after-free
 * </pre>
 */
public class OpenDuringConfigure {

    /*
     * err_netlink unregisters and falls into err_register's vfree of a ring the daemon has mapped.
     */
    @JCStressTest
    @Description("uio.mainline | open during configure: tcmu-runner maps the node while configuration fails")
    @Ref("found by unbind (fail-nth sweep of tcmu_configure_device)")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "the daemon opened too early or too late")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the daemon faulted on the ring the error path had vfreed")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING,
            desc = "the open's reference was never dropped (the release is lost after unregister)")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the error path")
    @State
    public static class Mainline {
        final UioMachine m = UioMachine.withFailingNetlink("uio.mainline");

        @Actor
        public void admin() {
            m.create();
        }

        @Actor
        public void daemon() {
            m.daemonOpensAndMaps();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.faultAgainThenOutcome();
        }
    }

    /*
     * The same error path; the daemon's close now reaches late_release after unregister.
     */
    @JCStressTest
    @Description("uio.late-release | open during configure: tcmu-runner maps the node while configuration fails")
    @Ref("found by unbind (fail-nth sweep of tcmu_configure_device)")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "the daemon opened too early or too late")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the daemon faulted on the ring the error path had vfreed")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING,
            desc = "the daemon's close ran late_release after the error path's unregister")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the error path")
    @State
    public static class LateRelease {
        final UioMachine m = UioMachine.withFailingNetlink("uio.late-release");

        @Actor
        public void admin() {
            m.create();
        }

        @Actor
        public void daemon() {
            m.daemonOpensAndMaps();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.faultAgainThenOutcome();
        }
    }

    /*
     * The mapping's reference keeps tcmu_dev alive, but err_register frees the ring directly.
     */
    @JCStressTest
    @Description("uio.vma-refcount | open during configure: tcmu-runner maps the node while configuration fails")
    @Ref("found by unbind (fail-nth sweep of tcmu_configure_device)")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "the daemon opened too early or too late")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the daemon faulted on the ring the error path had vfreed")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the error path")
    @State
    public static class VmaRefcount {
        final UioMachine m = UioMachine.withFailingNetlink("uio.vma-refcount");

        @Actor
        public void admin() {
            m.create();
        }

        @Actor
        public void daemon() {
            m.daemonOpensAndMaps();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.faultAgainThenOutcome();
        }
    }

    /*
     * err_netlink unregisters and drops the configure reference; the ring goes with the last one.
     */
    @JCStressTest
    @Description("uio.fenced | open during configure: tcmu-runner maps the node while configuration fails")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the ring is left to the last reference")
    @Outcome(id = {"use-after-free", "leak", "fence"}, expect = FORBIDDEN,
            desc = "what a defective variant shows in this race")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fenced {
        final UioMachine m = UioMachine.withFailingNetlink("uio.fenced");

        @Actor
        public void admin() {
            m.create();
        }

        @Actor
        public void daemon() {
            m.daemonOpensAndMaps();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.faultAgainThenOutcome();
        }
    }
}
