package dev.unbind.subjects.misc;

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

import static dev.unbind.subjects.misc.MiscChardev.Cmd.EVENTMASK;
import static dev.unbind.subjects.misc.MiscChardev.Cmd.XCMD;
import static dev.unbind.subjects.misc.MiscChardev.Ec.EC;
import static dev.unbind.subjects.misc.MiscChardev.Ec.FP;

/**
 * The misc scenarios: the situations of PROTOCOLS.md §8 as /dev/cros_ec puts them. Every
 * scenario starts from a fresh machine and ends at quiescence (fds closed, ECs unbound, module
 * unloaded), so leaks are checked after every run. Setup steps can fail under fault injection;
 * the scenario then goes on with whatever it has, as user space would.
 */
final class MiscScenarios {
    private MiscScenarios() {
    }

    static List<Scenario<MiscChardev>> all() {
        return List.of(
                Scenario.<MiscChardev>of("xcmd-vs-remove", "an XCMD ioctl is on the EC's bus while the EC is unbound",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m, EC)))
                                    .race(actor("user", () -> fd.use(f -> m.ioctl(f, XCMD))), actor("remover", () -> m.remove(EC)))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("ioctl")), List.of(op("remove")))
                        // the first failing interleaving lets remove free the EC while the ioctl is still to take its lock
                        .expecting(MiscDefects.BASELINE, MiscDefects.BASELINE + ".call-after-remove")).in(Situation.FD_OPEN).jcstress(),
                Scenario.<MiscChardev>of("two-threads-vs-remove", "two threads on the same fd (XCMD and a version read) while the EC is unbound",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m, EC)))
                                    .race(actor("user", () -> fd.use(f -> m.ioctl(f, XCMD))),
                                            actor("user2", () -> fd.use(m::read)),
                                            actor("remover", () -> m.remove(EC)))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<MiscChardev>of("ops-after-remove", "the EC is unbound, then the open fd reads, ioctls (native and compat) and polls",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m, EC)))
                                    .then("remover", () -> m.remove(EC))
                                    .then("user", () -> fd.use(f -> {
                                        m.read(f);
                                        m.ioctl(f, XCMD);
                                        m.compatIoctl(f, XCMD);
                                        m.poll(f);
                                    }))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("read", MiscFacade.Read.VERSION.name()), op("ioctl"), op("compatIoctl"), op("poll")))
                        .initially(op("remove"))).in(Situation.FD_OPEN),
                Scenario.<MiscChardev>of("blocked-reader-vs-remove",
                        "a read sleeps waiting for an MKBP event while the EC is unbound; the process is killed after remove returns",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(subscribed(m, EC)))
                                    .race(actor("reader", () -> fd.use(m::read)),
                                            actor("remover", () -> m.remove(EC)),
                                            actor("killer", () -> UserSpace.killAfter(k, "remover", "reader")))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("read", MiscFacade.Read.EVENT.name())), List.of(op("remove"), op("kill")))).in(Situation.READER_BLOCKED).jcstress(JcstressRace.threads(List.of("reader"), List.of("remover", "killer"))),
                Scenario.<MiscChardev>of("event-vs-remove", "the EC raises an MKBP event while it is being unbound, an fd subscribed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(subscribed(m, EC)))
                                    .race(actor("irq", () -> m.raiseEvent(EC)), actor("remover", () -> m.remove(EC)))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<MiscChardev>of("close-vs-remove", "the last fd is closed while the EC is unbound",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m, EC)))
                                    .race(actor("closer", () -> fd.use(m::close)), actor("remover", () -> m.remove(EC)))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("close")), List.of(op("remove")))).in(Situation.FD_OPEN).jcstress(),
                Scenario.<MiscChardev>of("reopen-after-remove", "after the EC is unbound, the open fd is reopened through its inode (/proc/self/fd)",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m, EC)))
                                    .then("remover", () -> m.remove(EC))
                                    .then("user", () -> fd.use(f -> {
                                        OpenResult again = m.reopen(f);
                                        if (again.ok()) {
                                            m.ioctl(again.file(), XCMD);
                                        }
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<MiscChardev>of("reprobe-reuses-minor", "the EC is unbound and bound again (same minor); the old fd and a new opener race",
                        (k, m) -> {
                            Fd old = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        old.set(probeAndOpen(m, EC));
                                        m.remove(EC);
                                        m.probe(EC);
                                    })
                                    .race(actor("old-fd", () -> old.use(f -> {
                                                m.read(f);
                                                m.ioctl(f, XCMD);
                                            })),
                                            actor("opener", () -> {
                                                OpenResult r = m.open(EC);
                                                if (r.ok()) {
                                                    m.ioctl(r.file(), XCMD);
                                                }
                                            }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<MiscChardev>of("rmmod-vs-open", "cros_ec_chardev is unloaded while a process opens, uses and closes /dev/cros_ec",
                        (k, m) -> Plan.builder()
                                .then("setup", () -> m.probe(EC))
                                .race(actor("opener", () -> {
                                    OpenResult r = m.open(EC);
                                    if (r.ok()) {
                                        m.ioctl(r.file(), XCMD);
                                        m.close(r.file());
                                    }
                                }), actor("unloader", m::rmmodDriver))
                                .quiesce(m::quiesce)).in(Situation.NONE),
                Scenario.<MiscChardev>of("open-vs-probe", "a process opens /dev/cros_ec while the EC is being bound; later the EC is unbound and the fd used",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .race(actor("prober", () -> m.probe(EC)), actor("opener", () -> {
                                        OpenResult r = m.open(EC);
                                        fd.set(r.ok() ? r.file() : null);
                                    }))
                                    .then("remover", () -> m.remove(EC))
                                    .then("user", () -> fd.use(f -> {
                                        m.read(f);
                                        m.poll(f);
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.NONE).jcstress(),
                Scenario.<MiscChardev>of("other-device-reader-vs-remove",
                        "a read sleeps on /dev/cros_fp while the main EC is unbound; the reader is killed after remove returns",
                        (k, m) -> {
                            Fd fp = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        m.probe(EC);
                                        fp.set(subscribed(m, FP));
                                    })
                                    .race(actor("reader", () -> fp.use(m::read)),
                                            actor("remover", () -> m.remove(EC)),
                                            actor("killer", () -> UserSpace.killAfter(k, "remover", "reader")))
                                    .quiesce(m::quiesce);
                        }).in(Situation.READER_BLOCKED),
                Scenario.<MiscChardev>of("other-device-reader-vs-close",
                        "the main EC is gone with its fd still open; that fd is closed while a read sleeps on /dev/cros_fp",
                        (k, m) -> {
                            Fd ec = new Fd();
                            Fd fp = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        ec.set(probeAndOpen(m, EC));
                                        fp.set(subscribed(m, FP));
                                        m.remove(EC);
                                    })
                                    .race(actor("reader", () -> fp.use(m::read)),
                                            actor("closer", () -> ec.use(m::close)),
                                            actor("killer", () -> UserSpace.killAfter(k, "closer", "reader")))
                                    .quiesce(m::quiesce);
                        }).in(Situation.READER_BLOCKED));
    }

    /** The canonical race of the family: an XCMD on the bus against unbind. */
    static Scenario<MiscChardev> canonical() {
        return all().get(0);
    }

    private static ActorSpec actor(String name, Runnable body) {
        return ActorSpec.of(name, body);
    }

    private static File probeAndOpen(MiscChardev m, MiscChardev.Ec ec) {
        if (m.probe(ec) != 0) {
            return null;
        }
        OpenResult r = m.open(ec);
        return r.ok() ? r.file() : null;
    }

    /** Probed, opened, and subscribed to MKBP events: the next read waits for one. */
    private static File subscribed(MiscChardev m, MiscChardev.Ec ec) {
        File f = probeAndOpen(m, ec);
        if (f != null && m.ioctl(f, EVENTMASK) != 0) {
            return null;
        }
        return f;
    }

    /** One EVENTMASK ioctl on an open /dev/cros_ec: the call a synchronous deregister has to fence. */
    static ReadSide<MiscChardev> readSide() {
        return ReadSide.of("ioctl(EVENTMASK)", (k, m) -> {
            File f = ReadSide.opened(probeAndOpen(m, EC));
            return () -> m.ioctl(f, EVENTMASK);
        });
    }
}
