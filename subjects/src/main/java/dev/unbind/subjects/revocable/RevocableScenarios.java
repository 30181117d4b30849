package dev.unbind.subjects.revocable;

import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vma;
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

import static dev.unbind.subjects.revocable.Revocable.Cmd.EVENTMASK;
import static dev.unbind.subjects.revocable.Revocable.Cmd.RDMEM;
import static dev.unbind.subjects.revocable.Revocable.Cmd.XCMD;
import static dev.unbind.subjects.revocable.Revocable.Node.CROS_EC;
import static dev.unbind.subjects.revocable.Revocable.Node.ZZZ;

/**
 * The revocable scenarios: PROTOCOLS.md §8 as /dev/cros_ec and /dev/zzz put it. "remove" is the
 * EC going away (its chardev child is unbound first, then its devres revokes and frees the
 * cros_ec_device); "unbind" of a supplier is X going away while Z stays bound. Every scenario
 * starts from a fresh machine and ends at quiescence, so leaks are checked after every run;
 * setup steps can fail under fault injection and the scenario goes on with what it has.
 */
final class RevocableScenarios {
    private RevocableScenarios() {
    }

    static List<Scenario<Revocable>> all() {
        return List.of(
                Scenario.<Revocable>of("open-close", "the EC's device is opened, used and closed; nothing goes away",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probe)
                                .then("user", () -> openAnd(m, CROS_EC, f -> {
                                    m.read(f);
                                    m.poll(f);
                                    m.ioctl(f, XCMD);
                                    m.close(f);
                                }))
                                .quiesce(m::quiesce)).in(Situation.NONE),
                Scenario.<Revocable>of("ioctl-vs-remove", "an ioctl is on the EC's bus while the EC is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("user", () -> fd.use(f -> m.ioctl(f, XCMD))), actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("ioctl", XCMD)), List.of(op("remove")))).in(Situation.FD_OPEN).jcstress(),
                Scenario.<Revocable>of("ops-after-remove", "the EC is removed, then the open fd reads, polls, ioctls, writes, maps and closes",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("remover", m::remove)
                                    .then("user", () -> fd.use(f -> {
                                        m.read(f);
                                        m.poll(f);
                                        m.ioctl(f, XCMD);
                                        m.write(f);
                                        Vma v = m.mmap(f);
                                        if (v != null) {
                                            m.touch(v);
                                        }
                                        m.close(f);
                                    }))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("poll")), List.of(op("compatIoctl", XCMD))).initially(op("remove"))).in(Situation.FD_OPEN),
                Scenario.<Revocable>of("compat-ioctl-after-remove",
                        "a 32-bit process reads through the fd, the EC is removed, then its next call is an ioctl (compat_ioctl)",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        fd.set(probeAndOpen(m));
                                        fd.use(m::read);
                                    })
                                    .then("remover", m::remove)
                                    .then("user", () -> fd.use(f -> m.compatIoctl(f, XCMD)))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Revocable>of("compat-ioctl-first-call", "a 32-bit process opens the EC and its first call is an ioctl (compat_ioctl)",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("user", () -> fd.use(f -> m.compatIoctl(f, XCMD)))
                                    .quiesce(m::quiesce);
                        }).in(Situation.NONE),
                Scenario.<Revocable>of("two-ioctls-vs-remove", "two threads of one process ioctl the same fd while the EC is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("user", () -> fd.use(f -> m.ioctl(f, RDMEM))),
                                            actor("user2", () -> fd.use(f -> m.ioctl(f, RDMEM))),
                                            actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN).jcstress(JcstressRace.threads(List.of("user"), List.of("user2", "remover"))),
                Scenario.<Revocable>of("two-pollers-vs-remove", "two threads of one process poll the same fd while the EC is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("user", () -> fd.use(m::poll)), actor("user2", () -> fd.use(m::poll)),
                                            actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Revocable>of("blocked-reader-vs-remove",
                        "a read sleeps for an MKBP event while the EC is removed; the process is killed after remove returns",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        fd.set(probeAndOpen(m));
                                        fd.use(f -> m.ioctl(f, EVENTMASK));
                                    })
                                    .race(actor("reader", () -> fd.use(m::read)), actor("remover", m::remove),
                                            actor("killer", () -> UserSpace.killAfter(k, "remover", "reader")))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("readEvent")), List.of(op("remove"))).onFacade(RevocableFacade.WithSleepingReader.class)).in(Situation.READER_BLOCKED).jcstress(JcstressRace.threads(List.of("reader"), List.of("remover", "killer"))),
                Scenario.<Revocable>of("close-vs-remove", "the last fd is closed while the EC is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("closer", () -> fd.use(m::close)), actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN).jcstress(),
                Scenario.<Revocable>of("reopen-after-remove", "after remove, the open fd is reopened through its cached inode (/proc/self/fd)",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("remover", m::remove)
                                    .then("user", () -> fd.use(f -> {
                                        OpenResult again = m.reopen(f);
                                        if (again.ok()) {
                                            m.ioctl(again.file(), XCMD);
                                        }
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Revocable>of("reprobe-reuses-minor", "remove, the EC comes back on the same minor, then the old fd and a new opener race",
                        (k, m) -> {
                            Fd old = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        old.set(probeAndOpen(m));
                                        m.remove();
                                        m.probe();
                                    })
                                    .race(actor("old-fd", () -> old.use(f -> m.ioctl(f, XCMD))),
                                            actor("opener", () -> openAnd(m, CROS_EC, f -> m.ioctl(f, XCMD))))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Revocable>of("event-before-first-fop", "the EC raises an MKBP event right after the open, racing the first ioctl",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("ec", m::ecEvent), actor("user", () -> fd.use(f -> m.ioctl(f, EVENTMASK))))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("ecEvent")), List.of(op("ioctl", EVENTMASK)))).in(Situation.NONE),
                Scenario.<Revocable>of("open-vs-remove", "a process opens the EC while it is removed",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probe)
                                .race(actor("opener", () -> openAnd(m, CROS_EC, f -> m.ioctl(f, XCMD))), actor("remover", m::remove))
                                .quiesce(m::quiesce)).in(Situation.NONE).jcstress(),
                Scenario.<Revocable>of("rmmod-vs-open", "cros_ec_chardev is unloaded while a process opens, uses and closes the device",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probe)
                                .race(actor("opener", () -> openAnd(m, CROS_EC, f -> {
                                    m.ioctl(f, XCMD);
                                    m.close(f);
                                })), actor("unloader", m::rmmodChardev))
                                .quiesce(m::quiesce)).in(Situation.NONE),
                Scenario.<Revocable>of("chardev-unbind-then-rmmod",
                        "the chardev alone is unbound with an fd open, the fd is closed, then rmmod races an EC event",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("unbinder", m::unbindChardev)
                                    .then("user", () -> fd.use(m::close))
                                    .race(actor("unloader", m::rmmodChardev), actor("ec", m::ecEvent))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Revocable>of("open-during-failing-probe", "a process opens the EC while its probe, which may fail after adding the chardev, runs",
                        (k, m) -> Plan.builder()
                                .race(actor("prober", m::probe), actor("opener", () -> openAnd(m, CROS_EC, f -> m.ioctl(f, XCMD))))
                                .quiesce(m::quiesce)).in(Situation.NONE),
                Scenario.<Revocable>of("zzz-open-close", "/dev/zzz, whose fops use two providers, is opened, read and closed",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probeZzz)
                                .then("user", () -> openAnd(m, ZZZ, f -> {
                                    m.read(f);
                                    m.close(f);
                                }))
                                .quiesce(m::quiesce)).in(Situation.NONE),
                Scenario.<Revocable>of("zzz-open-vs-supplier-unbind", "a process opens /dev/zzz and reads while its supplier X goes away",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probeZzz)
                                .race(actor("opener", () -> openAnd(m, ZZZ, f -> {
                                    m.read(f);
                                    m.close(f);
                                })), actor("unbinder", m::unbindSupplier))
                                .quiesce(m::quiesce)).in(Situation.NONE),
                Scenario.<Revocable>of("zzz-ops-after-supplier-unbind",
                        "/dev/zzz is read and mapped, X goes away, then the fd touches, writes, maps, reads and closes",
                        (k, m) -> {
                            Fd fd = new Fd();
                            Vma[] vma = new Vma[1];
                            return Plan.builder()
                                    .then("setup", () -> {
                                        m.probeZzz();
                                        openAnd(m, ZZZ, f -> {
                                            fd.set(f);
                                            m.read(f);
                                            vma[0] = m.mmap(f);
                                            if (vma[0] != null) {
                                                m.touch(vma[0]);
                                            }
                                        });
                                    })
                                    .then("unbinder", m::unbindSupplier)
                                    .then("user", () -> fd.use(f -> {
                                        if (vma[0] != null) {
                                            m.touch(vma[0]);
                                            m.munmap(vma[0]);
                                        }
                                        m.write(f);
                                        Vma v = m.mmap(f);
                                        if (v != null) {
                                            m.munmap(v);
                                        }
                                        m.read(f);
                                        m.close(f);
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.MAPPING_ALIVE),
                Scenario.<Revocable>of("zzz-open-after-supplier-unbind", "X goes away, then a process opens /dev/zzz, reads and closes it",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probeZzz)
                                .then("unbinder", m::unbindSupplier)
                                .then("user", () -> openAnd(m, ZZZ, f -> {
                                    m.read(f);
                                    m.close(f);
                                }))
                                .quiesce(m::quiesce)).in(Situation.NONE));
    }

    /** The canonical race of the family: two threads of one file against the EC's removal. */
    static Scenario<Revocable> canonical() {
        return all().stream().filter(s -> s.id().equals("two-ioctls-vs-remove")).findFirst().orElseThrow();
    }

    private static ActorSpec actor(String name, Runnable body) {
        return ActorSpec.of(name, body);
    }

    private static File probeAndOpen(Revocable m) {
        if (m.probe() != 0) {
            return null;
        }
        OpenResult r = m.open(CROS_EC);
        return r.ok() ? r.file() : null;
    }

    private static void openAnd(Revocable m, Revocable.Node n, java.util.function.Consumer<File> then) {
        OpenResult r = m.open(n);
        if (r.ok()) {
            then.accept(r.file());
        }
    }

    /** One EVENTMASK ioctl on an open /dev/cros_ec: the call fs_revocable wraps in try_access/withdraw_access. */
    static ReadSide<Revocable> readSide() {
        return ReadSide.of("ioctl(EVENTMASK)", (k, m) -> {
            File f = ReadSide.opened(probeAndOpen(m));
            return () -> m.ioctl(f, EVENTMASK);
        });
    }
}
