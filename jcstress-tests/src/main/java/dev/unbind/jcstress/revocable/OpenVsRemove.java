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
 * A process opens /dev/cros_ec while the EC is unbound. In the misc variant misc_deregister
 * revokes (and frees the provider) before unlinking the device (PROTOCOLS.md §4(e) D7).
 *
 * <pre>
 *   opener: open                                 remover: unbind the EC (chardev first)
 *     misc_open: lock(misc_mtx); c = find()
 *                                                  misc_deregister: revoke(c->rp): kfree(rp)
 *     fs_revocable_replace: kref_get(&amp;rp->kref)  &lt;-- use-after-free
 * </pre>
 */
public class OpenVsRemove {

    /*
     * v5: misc_open and misc_deregister serialise on misc_mtx; an fd that got in is closed after
     * the revoke, and that close leaks.
     */
    @JCStressTest
    @Description("revocable.fs-replace-v5 | open vs remove: a process opens the EC while it is removed")
    @Ref("PROTOCOLS.md §4(d) INV-FR2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the close after the revoke leaked")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the variant as posted")
    @State
    public static class FsReplaceV5 {
        final RevocableMachine m = RevocableMachine.probed("revocable.fs-replace-v5", 2);

        @Actor
        public void opener() {
            m.openAndUse();
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
     * The misc variant: the revoke runs before misc_mtx, so an open that found the device takes a
     * handle on a freed provider.
     */
    @JCStressTest
    @Description("revocable.misc-provider | open vs remove: a process opens the EC while it is removed")
    @Ref("PROTOCOLS.md §4(e) D7")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "revocable_alloc used the provider the revoke freed")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the close after the revoke leaked")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the variant as posted")
    @State
    public static class MiscProvider {
        final RevocableMachine m = RevocableMachine.probed("revocable.misc-provider", 2);

        @Actor
        public void opener() {
            m.openAndUse();
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
     * Fixed: the misc device holds a provider reference until it is unregistered.
     */
    @JCStressTest
    @Description("revocable.fixed | open vs remove: a process opens the EC while it is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "a handle was taken on a freed provider")
    @Outcome(id = "leak", expect = FORBIDDEN, desc = "the close after the revoke leaked")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fixed {
        final RevocableMachine m = RevocableMachine.probed("revocable.fixed", 2);

        @Actor
        public void opener() {
            m.openAndUse();
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
