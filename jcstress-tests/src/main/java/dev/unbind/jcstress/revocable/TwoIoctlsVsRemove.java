package dev.unbind.jcstress.revocable;

import dev.unbind.subjects.revocable.Revocable;
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
 * Two threads of one process call ioctls on the same fd while the EC is unbound: they share the
 * file's private data and its consumer handle (PROTOCOLS.md §4(e) D2). The unbind is injected
 * the moment {@code user} is past try_access (JCStress on two CPUs runs two actors).
 *
 * <pre>
 *   user: ioctl(fd, RDMEM)          event: unbind the EC               user2: ioctl(fd, RDMEM)
 *     try_access: priv->ec_dev = ec
 *                                     rp->res = NULL; synchronize_srcu
 *                                                                       try_access: priv->ec_dev = NULL
 *     priv->ec_dev->cmd_readmem  &lt;-- NULL deref inside the section: revoke never returns
 * </pre>
 */
public class TwoIoctlsVsRemove {

    /*
     * v5: the try_access callback stores the EC pointer in the file's private data; a call after
     * the revoke writes NULL while another is about to use it, oopses inside its read section and
     * the revoke waits forever; or the two calls share the handle's SRCU index.
     */
    @JCStressTest
    @Description("revocable.fs-replace-v5 | two ioctls vs remove: two threads ioctl the same fd; the EC is removed while the first is inside")
    @Ref("PROTOCOLS.md §4(e) D2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING, desc = "an oops or an index overwrite left a read section entered: the revoke never returned")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the close after the revoke leaked")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the variant as posted")
    @State
    public static class FsReplaceV5 {
        final RevocableMachine m = RevocableMachine.openWithUnbindWhileUserInside("revocable.fs-replace-v5", 2);

        @Actor
        public void user() {
            m.ioctl("user", Revocable.Cmd.RDMEM);
        }

        @Actor
        public void user2() {
            m.ioctl("user2", Revocable.Cmd.RDMEM);
        }


        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * The misc variant: the drivers keep their own pointer, but the threads share the consumer
     * handle's SRCU index.
     */
    @JCStressTest
    @Description("revocable.misc-provider | two ioctls vs remove: two threads ioctl the same fd; the EC is removed while the first is inside")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING, desc = "the index overwrite left the old index undrained: misc_deregister never returned")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the close after the revoke leaked")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the variant as posted")
    @State
    public static class MiscProvider {
        final RevocableMachine m = RevocableMachine.openWithUnbindWhileUserInside("revocable.misc-provider", 2);

        @Actor
        public void user() {
            m.ioctl("user", Revocable.Cmd.RDMEM);
        }

        @Actor
        public void user2() {
            m.ioctl("user2", Revocable.Cmd.RDMEM);
        }


        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }

    /*
     * Fixed: no result slot, the index is the call's own. Any finding is a bug.
     */
    @JCStressTest
    @Description("revocable.fixed | two ioctls vs remove: two threads ioctl the same fd; the EC is removed while the first is inside")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "hang", expect = FORBIDDEN, desc = "a read section was left entered")
    @Outcome(id = "null-ptr-deref", expect = FORBIDDEN, desc = "a thread saw another's result")
    @Outcome(id = "leak", expect = FORBIDDEN, desc = "the close after the revoke leaked")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fixed {
        final RevocableMachine m = RevocableMachine.openWithUnbindWhileUserInside("revocable.fixed", 2);

        @Actor
        public void user() {
            m.ioctl("user", Revocable.Cmd.RDMEM);
        }

        @Actor
        public void user2() {
            m.ioctl("user2", Revocable.Cmd.RDMEM);
        }


        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = m.outcome();
        }
    }
}
