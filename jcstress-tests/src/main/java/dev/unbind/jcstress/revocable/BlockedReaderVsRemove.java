package dev.unbind.jcstress.revocable;

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
 * A read sleeps for an MKBP event (the file asked for events) while the EC is unbound: the
 * departed EC never sends one (PROTOCOLS.md §4(e) D6). Nobody kills the reader: a remove that
 * waits for it hangs.
 *
 * <pre>
 *   reader: read(fd)                             remover: unbind the EC
 *     try_access: EC present
 *     wait_event_interruptible(priv->wait_event)   rp->res = NULL; synchronize_srcu (waits for reader)
 * </pre>
 */
public class BlockedReaderVsRemove {

    /*
     * v5: the read section spans the sleeping read and nothing wakes it before the grace period.
     */
    @JCStressTest
    @Description("revocable.fs-replace-v5 | blocked reader vs remove: a read sleeps for an MKBP event while the EC is removed")
    @Ref("PROTOCOLS.md §4(e) D6")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the read started after the revoke")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING, desc = "the revoke waited for the sleeping reader")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the close after the revoke leaked")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the variant as posted")
    @State
    public static class FsReplaceV5 {
        final RevocableMachine m = RevocableMachine.waitingForEvents("revocable.fs-replace-v5", 2);

        @Actor
        public void reader() {
            m.read("reader");
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
     * The misc variant: misc_deregister's revoke waits for the sleeping reader the same way.
     */
    @JCStressTest
    @Description("revocable.misc-provider | blocked reader vs remove: a read sleeps for an MKBP event while the EC is removed")
    @Ref("PROTOCOLS.md §4(e) D6")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the read started after the revoke")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING, desc = "misc_deregister waited for the sleeping reader")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the close after the revoke leaked")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the variant as posted")
    @State
    public static class MiscProvider {
        final RevocableMachine m = RevocableMachine.waitingForEvents("revocable.misc-provider", 2);

        @Actor
        public void reader() {
            m.read("reader");
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
     * Fixed: the revoke wakes the file before its grace period; the read returns -ENODEV.
     */
    @JCStressTest
    @Description("revocable.fixed | blocked reader vs remove: a read sleeps for an MKBP event while the EC is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "hang", expect = FORBIDDEN, desc = "the revoke waited for the sleeping reader")
    @Outcome(id = "leak", expect = FORBIDDEN, desc = "the close after the revoke leaked")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fixed {
        final RevocableMachine m = RevocableMachine.waitingForEvents("revocable.fixed", 2);

        @Actor
        public void reader() {
            m.read("reader");
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
