package dev.unbind.subjects.cdev;

import dev.unbind.kernel.Actor;
import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.subject.Fd;
import dev.unbind.subject.Plan;
import dev.unbind.subject.JcstressRace;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Situation;
import dev.unbind.subject.UserSpace;

import java.util.List;

import static dev.unbind.subject.LincheckRace.op;
import static dev.unbind.subject.LincheckRace.parallel;

import static dev.unbind.subjects.cdev.Chardev.Ioctl.GET_STATUS;
import static dev.unbind.subjects.cdev.Chardev.Ioctl.SET_FLAGS;
import static dev.unbind.subjects.cdev.Chardev.Ioctl.WAIT_EVENT;

/**
 * The cdev scenarios: the situations of PROTOCOLS.md §8 as a char device puts them, plus the
 * ones the patches of this family call for (an ordinary device under a patched chrdev_open, a
 * 32-bit caller, a built-in driver, a cdev_alloc'd cdev). Every scenario starts from a fresh
 * machine and ends at quiescence, so leaks are checked after every run. Setup steps can fail
 * under fault injection; the scenario then goes on with whatever it has, as user space would.
 */
final class CdevScenarios {
    private CdevScenarios() {
    }

    static List<Scenario<Chardev>> all() {
        return List.of(
                Scenario.<Chardev>of("ioctl-vs-remove", "an ioctl reading a register is in flight while the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("user", () -> fd.use(f -> m.ioctl(f, GET_STATUS))), actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("ioctl", GET_STATUS)), List.of(op("remove"))).initially(op("open"))
                                .skipping(CdevDefects.INIT, "its open recurses through filp->f_op->open and dies holding the read "
                                        + "locks; remove then waits for them forever (Lincheck reports that hang, and the catalogue lists the open)")).in(Situation.FD_OPEN).jcstress(),
                Scenario.<Chardev>of("read-vs-remove", "a read of a sample the card raised is in flight while the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        fd.set(probeAndOpen(m));
                                        m.irq();
                                    })
                                    .race(actor("reader", () -> fd.use(m::read)), actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Chardev>of("ops-after-remove", "the device is removed, then the open fd calls ioctl, read and a 32-bit ioctl",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        fd.set(probeAndOpen(m));
                                        m.irq();
                                    })
                                    .then("remover", m::remove)
                                    .then("user", () -> fd.use(f -> {
                                        m.ioctl(f, GET_STATUS);
                                        m.read(f);
                                        m.compatIoctl(f, GET_STATUS);
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Chardev>of("two-threads-vs-remove", "two threads call ioctls on the same fd while the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("user", () -> fd.use(f -> m.ioctl(f, GET_STATUS))),
                                            actor("user2", () -> fd.use(f -> m.ioctl(f, SET_FLAGS))),
                                            actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Chardev>of("blocked-reader-vs-remove",
                        "a read sleeps for a sample while the device is removed; the process is killed after remove returns",
                        (k, m) -> blockedVsRemove(k, m, "reader", m::read)).in(Situation.READER_BLOCKED),
                Scenario.<Chardev>of("blocked-ioctl-vs-remove",
                        "an ioctl sleeps for a sample while the device is removed; the process is killed after remove returns",
                        (k, m) -> blockedVsRemove(k, m, "waiter", f -> m.ioctl(f, WAIT_EVENT))).in(Situation.READER_BLOCKED),
                Scenario.<Chardev>of("blocked-open-vs-remove",
                        "a second open of the single-open node sleeps while the device is removed; it is killed after remove returns",
                        (k, m) -> {
                            Fd holder = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        if (m.probe() == 0) {
                                            OpenResult r = m.openExclusive();
                                            holder.set(r.ok() ? r.file() : null);
                                        }
                                    })
                                    .race(actor("opener", m::openExclusive), actor("remover", m::remove),
                                            actor("killer", () -> UserSpace.killAfter(k, "remover", "opener")))
                                    .quiesce(m::quiesce);
                        }).in(Situation.READER_BLOCKED),
                Scenario.<Chardev>of("close-vs-remove", "the last fd is closed while the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("closer", () -> fd.use(m::close)), actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("close")), List.of(op("remove"))).initially(op("open"))
                                .skipping(CdevDefects.INIT, "its open dies holding the read locks remove waits for (see ioctl-vs-remove)")).in(Situation.FD_OPEN).jcstress(),
                Scenario.<Chardev>of("reopen-after-remove", "after remove, the open fd is reopened through its cached inode (/proc/self/fd)",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("remover", m::remove)
                                    .then("user", () -> fd.use(f -> {
                                        OpenResult again = m.reopen(f);
                                        if (again.ok()) {
                                            m.ioctl(again.file(), GET_STATUS);
                                        }
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Chardev>of("reprobe-reuses-minor", "remove, probe again on the same minor, then the old fd and a new opener race",
                        (k, m) -> {
                            Fd old = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        old.set(probeAndOpen(m));
                                        m.remove();
                                        m.probe();
                                    })
                                    .race(actor("old-fd", () -> old.use(f -> m.ioctl(f, GET_STATUS))),
                                            actor("opener", () -> openAndUse(m)))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Chardev>of("open-during-failing-register",
                        "an opener races a probe whose last step may fail after the nodes became visible",
                        (k, m) -> Plan.builder()
                                .race(actor("prober", m::probe), actor("opener", () -> openAndUse(m)))
                                .quiesce(m::quiesce)).in(Situation.NONE).jcstress(JcstressRace.plain().underFaultsOf(CdevDefects.PLAIN + ".register-failure-window")),
                Scenario.<Chardev>of("rmmod-vs-open", "the daq module is unloaded while a process opens the device and calls an ioctl",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probe)
                                .race(actor("opener", () -> {
                                    OpenResult r = m.open();
                                    if (r.ok()) {
                                        m.ioctl(r.file(), GET_STATUS);
                                        m.close(r.file());
                                    }
                                }), actor("unloader", m::rmmod))
                                .quiesce(m::quiesce)).in(Situation.NONE),
                Scenario.<Chardev>of("rmmod-vs-close", "after remove, the daq module is unloaded while the last fd closes",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("remover", m::remove)
                                    .race(actor("unloader", m::rmmod), actor("closer", () -> fd.use(m::close)))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Chardev>of("open-killed-during-remove", "an open races remove and is sent SIGKILL at any moment, even while it sleeps on a lock",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probe)
                                .race(actor("opener", () -> openAndUse(m)), actor("remover", m::remove),
                                        actor("killer", () -> {
                                            Actor victim = k.actorNamed("opener");
                                            if (victim != null) {
                                                victim.signal(true);
                                            }
                                        }))
                                .quiesce(m::quiesce)).in(Situation.NONE).jcstress(JcstressRace.threads(List.of("opener"), List.of("remover", "killer"))),
                Scenario.<Chardev>of("compat-ioctl", "a 32-bit process passes SET_FLAGS an integer with bit 31 set",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("user32", () -> fd.use(f -> m.compatIoctl(f, SET_FLAGS)))
                                    .quiesce(m::quiesce);
                        }).in(Situation.NONE),
                Scenario.<Chardev>of("ordinary-device", "an ordinary char device that never opted in is used while daq0 is removed",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probe)
                                .race(actor("user", () -> {
                                    OpenResult r = m.openOrdinary();
                                    if (r.ok()) {
                                        m.read(r.file());
                                        m.ioctl(r.file(), GET_STATUS);
                                        m.close(r.file());
                                    }
                                }), actor("remover", m::remove))
                                .quiesce(m::quiesce)).in(Situation.FD_OPEN),
                Scenario.<Chardev>of("builtin-driver", "the driver built into the kernel probes, is used and is removed",
                        (k, m) -> Plan.builder()
                                .then("user", () -> {
                                    if (m.probe(Chardev.Board.DAQ1_BUILTIN) == 0) {
                                        OpenResult r = m.open(Chardev.Board.DAQ1_BUILTIN);
                                        if (r.ok()) {
                                            m.ioctl(r.file(), GET_STATUS);
                                            m.close(r.file());
                                        }
                                    }
                                    m.remove(Chardev.Board.DAQ1_BUILTIN);
                                })
                                .quiesce(m::quiesce)).in(Situation.NONE),
                Scenario.<Chardev>of("allocated-cdev", "the board whose cdev comes from cdev_alloc probes, is used and is removed",
                        (k, m) -> Plan.builder()
                                .then("user", () -> {
                                    if (m.probe(Chardev.Board.DAQ2_ALLOCATED) == 0) {
                                        OpenResult r = m.open(Chardev.Board.DAQ2_ALLOCATED);
                                        if (r.ok()) {
                                            m.ioctl(r.file(), GET_STATUS);
                                            m.close(r.file());
                                        }
                                    }
                                    m.remove(Chardev.Board.DAQ2_ALLOCATED);
                                })
                                .quiesce(m::quiesce)).in(Situation.NONE));
    }

    /** The canonical race of the family: an ioctl in flight against remove. */
    static Scenario<Chardev> canonical() {
        return all().get(0);
    }

    private static Plan blockedVsRemove(dev.unbind.kernel.Kernel k, Chardev m, String sleeper,
                                        java.util.function.Consumer<File> sleep) {
        Fd fd = new Fd();
        return Plan.builder()
                .then("setup", () -> fd.set(probeAndOpen(m)))
                .race(actor(sleeper, () -> fd.use(sleep)), actor("remover", m::remove),
                        actor("killer", () -> UserSpace.killAfter(k, "remover", sleeper)))
                .quiesce(m::quiesce);
    }

    private static void openAndUse(Chardev m) {
        OpenResult r = m.open();
        if (r.ok()) {
            m.ioctl(r.file(), GET_STATUS);
        }
    }

    private static ActorSpec actor(String name, Runnable body) {
        return ActorSpec.of(name, body);
    }

    private static File probeAndOpen(Chardev m) {
        if (m.probe() != 0) {
            return null;
        }
        OpenResult r = m.open();
        return r.ok() ? r.file() : null;
    }

    /** One GET_STATUS ioctl on an open fd (it reads a status register): the call a cdev-level fence guards. */
    static ReadSide<Chardev> readSide() {
        return ReadSide.of("ioctl(GET_STATUS)", (k, m) -> {
            File f = ReadSide.opened(probeAndOpen(m));
            return () -> m.ioctl(f, GET_STATUS);
        });
    }
}
