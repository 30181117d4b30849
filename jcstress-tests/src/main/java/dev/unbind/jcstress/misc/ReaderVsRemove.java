package dev.unbind.jcstress.misc;

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
 * A read sleeps waiting for an MKBP event while the EC is unbound; the user kills the reader only
 * once remove has returned. Two JCStress actors, so the test runs on two CPUs, and three kernel
 * actors: the remover's thread does the kill as actor {@code killer} after its remove returned. A
 * remove that waits for the reader without waking it never returns.
 *
 * <pre>
 *   reader: read(fd)                           remover: unbind the EC
 *     wait_event_interruptible                   fence the fops: wait for the reader?
 *       (no event will ever come)                then the user: SIGKILL the reader
 * </pre>
 */
public class ReaderVsRemove {

    /*
     * Remove does not wait: it returns with the reader asleep inside the driver; the kill ends the
     * read; the close after remove reaches the freed parent.
     */
    @JCStressTest
    @Description("misc.deregister-only | blocked reader vs remove: a read waits for an MKBP event while the EC is unbound")
    @Ref("PROTOCOLS.md §2(c) M2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "the close after remove reached the freed cros_ec_device")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING,
            desc = "the reader was inside the driver when remove returned")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class DeregisterOnly {
        final MiscMachine m = MiscMachine.subscribed("misc.deregister-only", 3);

        @Actor
        public void reader() {
            m.read();
        }

        @Actor
        public void remover() {
            m.removeThenKillReader();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The read holds the read side while it sleeps; down_write waits for it and nothing wakes it.
     */
    @JCStressTest
    @Description("misc.sync-rwsem | blocked reader vs remove: a read waits for an MKBP event while the EC is unbound")
    @Ref("PROTOCOLS.md §2(e) 3")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING,
            desc = "remove waits forever for the sleeping reader")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "remove came first (the read saw -ENODEV); the close reached the freed parent")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncRwsem {
        final MiscMachine m = MiscMachine.subscribed("misc.sync-rwsem", 3);

        @Actor
        public void reader() {
            m.read();
        }

        @Actor
        public void remover() {
            m.removeThenKillReader();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The read stays inside its SRCU section while it sleeps; synchronize_srcu waits for it forever.
     */
    @JCStressTest
    @Description("misc.sync-srcu | blocked reader vs remove: a read waits for an MKBP event while the EC is unbound")
    @Ref("PROTOCOLS.md §2(e) 3")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING,
            desc = "remove waits forever for the sleeping reader")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING,
            desc = "remove came first (the read saw -ENODEV); the close reached the freed parent")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSrcu {
        final MiscMachine m = MiscMachine.subscribed("misc.sync-srcu", 3);

        @Actor
        public void reader() {
            m.read();
        }

        @Actor
        public void remover() {
            m.removeThenKillReader();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The read holds some_lock while it sleeps; misc_deregister waits for the mutex forever.
     */
    @JCStressTest
    @Description("misc.mutex-as-posted | blocked reader vs remove: a read waits for an MKBP event while the EC is unbound")
    @Ref("PROTOCOLS.md §2(e) 6")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING,
            desc = "deregister waits forever for some_lock")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING,
            desc = "the chardev_priv never released, or the module reference")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class MutexAsPosted {
        final MiscMachine m = MiscMachine.subscribed("misc.mutex-as-posted", 3);

        @Actor
        public void reader() {
            m.read();
        }

        @Actor
        public void remover() {
            m.removeThenKillReader();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The wrapped read stays inside misc_srcu while it sleeps; misc_deregister's grace period never ends.
     */
    @JCStressTest
    @Description("misc.sync-register-srcu | blocked reader vs remove: a read waits for an MKBP event while the EC is unbound")
    @Ref("PROTOCOLS.md §2(e) 3, 8")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING,
            desc = "remove waits forever for the sleeping reader")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncRegisterSrcu {
        final MiscMachine m = MiscMachine.subscribed("misc.sync-register-srcu", 3);

        @Actor
        public void reader() {
            m.read();
        }

        @Actor
        public void remover() {
            m.removeThenKillReader();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * Remove marks the device dead and wakes the reader before it fences: the read returns -ENODEV.
     */
    @JCStressTest
    @Description("misc.fenced | blocked reader vs remove: a read waits for an MKBP event while the EC is unbound")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the read saw -ENODEV")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fenced {
        final MiscMachine m = MiscMachine.subscribed("misc.fenced", 3);

        @Actor
        public void reader() {
            m.read();
        }

        @Actor
        public void remover() {
            m.removeThenKillReader();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }
}
