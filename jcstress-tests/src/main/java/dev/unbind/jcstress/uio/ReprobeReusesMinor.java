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
 * A backstore was deleted while tcmu-runner kept its fd; a new backstore is created and takes the
 * freed minor while the daemon reopens the old fd through /proc/self/fd, whose inode names that
 * minor. uio_get_minor publishes the new uio_device in the idr before device_initialize.
 *
 * <pre>
 *   admin: create backstore                   daemon: open("/proc/self/fd/N")
 *     uio_get_minor: idr_alloc(idev)            uio_open: idr_find(minor) = the new idev
 *                                               get_device: kobject not initialised (count 0)
 *     device_initialize: count = 1              ... the opener's reference is lost
 *                                             daemon's close: put_device frees a registered idev
 * </pre>
 */
public class ReprobeReusesMinor {

    /*
     * The idr entry is published before device_initialize; the old backstore's fd is closed only at
     * quiescence, after its delete, so its release is lost too.
     */
    @JCStressTest
    @Description("uio.mainline | reprobe reuses minor: a new backstore takes the minor of an old fd")
    @Ref("PROTOCOLS.md §5(f), dev_set_name / device_add row")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "refcount", expect = ACCEPTABLE_INTERESTING,
            desc = "the reopen took get_device on the new uio_device before device_initialize")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the lost reference freed the new uio_device while it was registered")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING,
            desc = "the old backstore leaked: its fd was closed after its delete")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of mainline uio")
    @State
    public static class Mainline {
        final UioMachine m = UioMachine.tcmuDeletedUnderAnOpenFd("uio.mainline");

        @Actor
        public void admin() {
            m.create();
        }

        @Actor
        public void daemon() {
            m.daemonReopens();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The same early idr entry; the old fd's close reaches late_release after unregister.
     */
    @JCStressTest
    @Description("uio.late-release | reprobe reuses minor: a new backstore takes the minor of an old fd")
    @Ref("PROTOCOLS.md §5(f), dev_set_name / device_add row")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "refcount", expect = ACCEPTABLE_INTERESTING,
            desc = "the reopen took get_device on the new uio_device before device_initialize")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the lost reference freed the new uio_device while it was registered")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING,
            desc = "the old fd's close ran late_release after its unregister returned")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the posted patch")
    @State
    public static class LateRelease {
        final UioMachine m = UioMachine.tcmuDeletedUnderAnOpenFd("uio.late-release");

        @Actor
        public void admin() {
            m.create();
        }

        @Actor
        public void daemon() {
            m.daemonReopens();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * tcmu's fix leaves uio_get_minor as it was: the early idr entry is still there.
     */
    @JCStressTest
    @Description("uio.vma-refcount | reprobe reuses minor: a new backstore takes the minor of an old fd")
    @Ref("PROTOCOLS.md §5(f), dev_set_name / device_add row")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "the reopen came before or after the window")
    @Outcome(id = "refcount", expect = ACCEPTABLE_INTERESTING,
            desc = "the reopen took get_device on the new uio_device before device_initialize")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the lost reference freed the new uio_device while it was registered")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the unchanged uio core")
    @State
    public static class VmaRefcount {
        final UioMachine m = UioMachine.tcmuDeletedUnderAnOpenFd("uio.vma-refcount");

        @Actor
        public void admin() {
            m.create();
        }

        @Actor
        public void daemon() {
            m.daemonReopens();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The idr entry is published last: a reopen in the window finds no device and gets -ENODEV.
     */
    @JCStressTest
    @Description("uio.fenced | reprobe reuses minor: a new backstore takes the minor of an old fd")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the minor is only reserved until the device is done")
    @Outcome(id = {"refcount", "use-after-free", "leak", "fence"}, expect = FORBIDDEN,
            desc = "what a defective variant shows in this race")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fenced {
        final UioMachine m = UioMachine.tcmuDeletedUnderAnOpenFd("uio.fenced");

        @Actor
        public void admin() {
            m.create();
        }

        @Actor
        public void daemon() {
            m.daemonReopens();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }
}
