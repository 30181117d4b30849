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
 * The last fd is closed while the EC is unbound: the release wrapper's try_access races the
 * revoke (PROTOCOLS.md §4(f) "close racing revoke").
 *
 * <pre>
 *   closer: close(fd)                            remover: unbind the EC
 *     fs_revocable_release: try_access (locks)
 *                                                  rp->res = NULL; synchronize_srcu
 *     res == NULL: goto recover (no withdraw)      ... waits for the closer forever
 * </pre>
 */
public class CloseVsRemove {

    /*
     * v5: a release that finds the resource gone skips both the driver's release and the
     * withdraw of the section its try_access entered: the revoke waits forever, or the per-CPU
     * data leaks at the provider's release.
     */
    @JCStressTest
    @Description("revocable.fs-replace-v5 | close vs remove: the last fd is closed while the EC is removed")
    @Ref("PROTOCOLS.md §4(f)")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the close came first")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING, desc = "the release left its read section entered while the revoke waited")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the release skipped the driver's release")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the variant as posted")
    @State
    public static class FsReplaceV5 {
        final RevocableMachine m = RevocableMachine.probedAndOpen("revocable.fs-replace-v5", 2);

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
     * The misc variant: a close after misc_deregister skips the driver's release.
     */
    @JCStressTest
    @Description("revocable.misc-provider | close vs remove: the last fd is closed while the EC is removed")
    @Ref("PROTOCOLS.md §4(d) INV-FR2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the close came first")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the release skipped the driver's release")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the variant as posted")
    @State
    public static class MiscProvider {
        final RevocableMachine m = RevocableMachine.probedAndOpen("revocable.misc-provider", 2);

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
     * Fixed: the driver's release runs exactly once and every section is left.
     */
    @JCStressTest
    @Description("revocable.fixed | close vs remove: the last fd is closed while the EC is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "hang", expect = FORBIDDEN, desc = "a read section was left entered")
    @Outcome(id = "leak", expect = FORBIDDEN, desc = "the release leaked")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fixed {
        final RevocableMachine m = RevocableMachine.probedAndOpen("revocable.fixed", 2);

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
