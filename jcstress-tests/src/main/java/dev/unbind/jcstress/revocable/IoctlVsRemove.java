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
 * The canonical in-flight race: an ioctl is on the EC's bus when the EC is unbound.
 *
 * <pre>
 *   user: ioctl(fd, XCMD)                        remover: unbind the EC
 *     try_access: EC present                       chardev unbound; devres: revoke
 *     cros_ec_cmd_xfer (on the bus)                  rp->res = NULL; synchronize_srcu (waits for user)
 *                                                  kfree(cros_ec_device)
 * </pre>
 *
 * The arbiter then closes the fd, unbinds and unloads everything and checks for leaks, so the
 * outcome also covers what the close after the revoke does.
 */
public class IoctlVsRemove {

    /*
     * v5: the grace period waits for the ioctl, but the close after the revoke skips the driver's
     * release (chardev_priv leaks) and never leaves the read section its try_access entered.
     */
    @JCStressTest
    @Description("revocable.fs-replace-v5 | ioctl vs remove: an XCMD ioctl is on the bus while the EC is removed")
    @Ref("PROTOCOLS.md §4(d) INV-FR2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the close after the revoke leaked chardev_priv and the provider's srcu_data")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the variant as posted")
    @State
    public static class FsReplaceV5 {
        final RevocableMachine m = RevocableMachine.probedAndOpen("revocable.fs-replace-v5", 2);

        @Actor
        public void user() {
            m.ioctl("user", Revocable.Cmd.XCMD);
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
     * The misc variant: misc_deregister revokes the misc device and waits for the ioctl; the
     * close afterwards skips the driver's release.
     */
    @JCStressTest
    @Description("revocable.misc-provider | ioctl vs remove: an XCMD ioctl is on the bus while the EC is removed")
    @Ref("PROTOCOLS.md §4(d) INV-FR2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the close after the revoke leaked chardev_priv")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of the variant as posted")
    @State
    public static class MiscProvider {
        final RevocableMachine m = RevocableMachine.probedAndOpen("revocable.misc-provider", 2);

        @Actor
        public void user() {
            m.ioctl("user", Revocable.Cmd.XCMD);
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
     * Fixed: the grace period waits for the ioctl, later calls get -ENODEV, the close runs the
     * driver's release once and leaves every section. Any finding is a bug in the fix or the model.
     */
    @JCStressTest
    @Description("revocable.fixed | ioctl vs remove: an XCMD ioctl is on the bus while the EC is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the ioctl finished first or saw -ENODEV")
    @Outcome(id = "leak", expect = FORBIDDEN, desc = "the close after the revoke leaked")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "the ioctl escaped the grace period")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fixed {
        final RevocableMachine m = RevocableMachine.probedAndOpen("revocable.fixed", 2);

        @Actor
        public void user() {
            m.ioctl("user", Revocable.Cmd.XCMD);
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
