package dev.unbind.jcstress.cdev;

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
 * An ioctl reading the status register is in flight while daq0 is removed; the fd is closed at
 * quiescence, after remove.
 *
 * <pre>
 *   user: ioctl(fd, GET_STATUS)                   remover: unbind
 *     daq_ioctl: readl(d-&gt;regs)                   daq_remove: cdev_del; free struct daq; devres: iounmap
 *   quiesce: close(fd): release, cdev_put(inode-&gt;i_cdev)
 * </pre>
 */
public class IoctlVsRemove {

    /*
     * cdev_del does not wait for the ioctl, remove frees the state embedding the cdev, and the
     * last close reaches it through inode->i_cdev.
     */
    @JCStressTest
    @Description("cdev.plain | ioctl vs remove: an ioctl reading a register is in flight while the device is removed")
    @Ref("PROTOCOLS.md §3(c) C1-C3")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the ioctl, the release or cdev_put touched freed state or unmapped registers")
    @Outcome(id = "fence", expect = ACCEPTABLE_INTERESTING, desc = "daq_ioctl ran after remove returned")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class Plain {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.plain");

        @Actor
        public void user() {
            m.ioctl();
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
     * cdev_del drains the ioctl, but put_device then frees the struct embedding the cdev:
     * the close after remove puts a kobject in freed memory, and the client never freed leaks.
     */
    @JCStressTest
    @Description("cdev.queued-as-posted | ioctl vs remove: an ioctl reading a register is in flight while the device is removed")
    @Ref("PROTOCOLS.md §3(e) 1, 2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "cdev_put or an ioctl touched the freed struct that embedded the cdev")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the client allocated in open was never freed")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class QueuedAsPosted {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.queued-as-posted");

        @Actor
        public void user() {
            m.ioctl();
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
     * The inverted is_sync test installs the cdev_sync_data read as file_operations: the
     * ioctl answers -ENOTTY; the close after remove reaches the freed cdev; sync leaks.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-as-posted | ioctl vs remove: an ioctl reading a register is in flight while the device is removed")
    @Ref("PROTOCOLS.md §3(e') J1, J3, J5")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "the close reached the cdev the driver freed after revoke")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the cdev_sync_data was never freed")
    @Outcome(id = "errno", expect = ACCEPTABLE_INTERESTING, desc = "the ioctl on a live device answered -ENOTTY")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchAsPosted {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.sync-sketch-as-posted");

        @Actor
        public void user() {
            m.ioctl();
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
     * The setup's open already oopses: cdev_sync_open dereferences fops_get(NULL) because
     * orig_fops was never stored; remove's revoke then queues on the never-initialised rwsem.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-is-sync-uninverted | ioctl vs remove: an ioctl reading a register is in flight while the device is removed")
    @Ref("PROTOCOLS.md §3(e') J4")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "null-ptr-deref", expect = ACCEPTABLE_INTERESTING, desc = "cdev_sync_open used fops_get(sync->orig_fops) == NULL, or revoke queued on a NULL wait list")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchIsSyncUninverted {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.sync-sketch-is-sync-uninverted");

        @Actor
        public void user() {
            m.ioctl();
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
     * The setup's open recurses through filp->f_op->open until the stack overflows, and
     * the dead task's read locks make revoke wait forever.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-init-completed | ioctl vs remove: an ioctl reading a register is in flight while the device is removed")
    @Ref("PROTOCOLS.md §3(e') J2")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "hang", expect = ACCEPTABLE_INTERESTING, desc = "cdev_sync_open recursed without end, or revoke waited for the dead task's read locks")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchInitCompleted {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.sync-sketch-init-completed");

        @Actor
        public void user() {
            m.ioctl();
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
     * f_op stays sync_fops: the ioctl answers -ENOTTY; the close after remove reaches sync
     * through the cdev the driver freed; sync leaks.
     */
    @JCStressTest
    @Description("cdev.sync-sketch-self-call-fixed | ioctl vs remove: an ioctl reading a register is in flight while the device is removed")
    @Ref("PROTOCOLS.md §3(e') J2, J3, J5")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding in this interleaving")
    @Outcome(id = "use-after-free", expect = ACCEPTABLE_INTERESTING, desc = "cdev_sync_release read the freed cdev, or the driver's release ran on freed state")
    @Outcome(id = "leak", expect = ACCEPTABLE_INTERESTING, desc = "the cdev_sync_data was never freed")
    @Outcome(id = "errno", expect = ACCEPTABLE_INTERESTING, desc = "the ioctl on a live device answered -ENOTTY")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "another finding of this variant")
    @State
    public static class SyncSketchSelfCallFixed {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.sync-sketch-self-call-fixed");

        @Actor
        public void user() {
            m.ioctl();
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
     * The ioctl either finished before the revoke returned or gets -ENXIO; the state lives
     * until the last close.
     */
    @JCStressTest
    @Description("cdev.fenced | ioctl vs remove: an ioctl reading a register is in flight while the device is removed")
    @Outcome(id = "ok", expect = ACCEPTABLE, desc = "no finding: the ioctl completed before the revoke, or got -ENXIO")
    @Outcome(id = "use-after-free", expect = FORBIDDEN, desc = "freed state was touched")
    @Outcome(id = "fence", expect = FORBIDDEN, desc = "driver code ran after remove returned")
    @Outcome(id = "leak", expect = FORBIDDEN, desc = "something was left allocated")
    @Outcome(id = "errno", expect = FORBIDDEN, desc = "a result outside the contract")
    @Outcome(id = "hang", expect = FORBIDDEN, desc = "remove or the ioctl never finished")
    @Outcome(id = "null-ptr-deref", expect = FORBIDDEN, desc = "a NULL dereference")
    @Outcome(expect = FORBIDDEN, desc = "any finding breaks KEEPS_EVERY_PROPERTY")
    @State
    public static class Fenced {
        final CdevMachine m = CdevMachine.probedAndOpen("cdev.fenced");

        @Actor
        public void user() {
            m.ioctl();
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
