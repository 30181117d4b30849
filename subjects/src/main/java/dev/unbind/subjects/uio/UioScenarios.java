package dev.unbind.subjects.uio;

import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vma;
import dev.unbind.subject.Fd;
import dev.unbind.subject.Plan;
import dev.unbind.subject.JcstressRace;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Situation;

import java.util.List;

import static dev.unbind.subject.LincheckRace.op;
import static dev.unbind.subject.LincheckRace.parallel;

import static dev.unbind.subjects.uio.PlatformUio.MAP_BUFFER;
import static dev.unbind.subjects.uio.PlatformUio.MAP_REGISTERS;
import static dev.unbind.subjects.uio.Uio.Dev.PLATFORM;
import static dev.unbind.subjects.uio.Uio.Dev.TCMU;

/**
 * The uio scenarios: PROTOCOLS.md §8 as uio puts it — tcmu-runner's lifecycle, fops in flight and
 * after unregister, two threads on one fd, close racing delete, fork of the ring mapping, reopen
 * through a cached inode, a minor reused by a new device, a failing registration with a racing
 * opener, rmmod racing the last close or an open, and the platform device's mappings and
 * interrupt across remove. Every scenario starts on a fresh machine and ends at quiescence; setup steps may fail
 * under fault injection and the scenario then goes on with what it has.
 */
final class UioScenarios {
    private UioScenarios() {
    }

    /** The ring mapping of a tcmu device is map 0. */
    private static final int RING = 0;

    static List<Scenario<Uio>> all() {
        return List.of(
                Scenario.<Uio>of("tcmu-lifecycle",
                        "tcmu-runner maps the ring; the backstore is deleted; the daemon faults, finds every fop failing, exits",
                        (k, m) -> {
                            Fd fd = new Fd();
                            Vma[] ring = new Vma[1];
                            return Plan.builder()
                                    .then("setup", () -> {
                                        fd.set(createAndOpen(m));
                                        fd.use(f -> {
                                            ring[0] = mapAndTouch(m, f, RING);
                                            k.expectResult("a second open (tcmu fakes O_EXCL)", m.open(TCMU).rc(),
                                                    -Errno.EBUSY, -Errno.ENOMEM);
                                        });
                                    })
                                    .then("admin", m::deleteTcmu)
                                    .then("daemon", () -> fd.use(f -> {
                                        touch(m, ring[0]);
                                        m.read(f);
                                        m.write(f);
                                        m.poll(f);
                                        m.mmap(f, RING);
                                        OpenResult again = m.reopen(f);
                                        k.expectResult("reopen through the cached inode after delete", again.rc(),
                                                -Errno.ENODEV, -Errno.EINVAL);
                                        k.expectResult("open by path after delete", m.open(TCMU).rc(), -Errno.ENOENT);
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.MAPPING_ALIVE),
                Scenario.<Uio>of("read-vs-delete",
                        "the daemon sleeps in read while a second thread writes irq_on and the backstore is deleted",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(createAndOpen(m)))
                                    .race(actor("reader", () -> fd.use(f ->
                                                    k.expectResult("read across delete (INV-U6)", m.read(f), -Errno.EIO))),
                                            actor("writer", () -> fd.use(m::write)),
                                            actor("admin", m::deleteTcmu))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("daemon", FdOp.READ)), List.of(op("delete")))).in(Situation.READER_BLOCKED),
                Scenario.<Uio>of("close-vs-delete", "tcmu-runner exits (munmap, close) while the backstore is deleted",
                        (k, m) -> {
                            Fd fd = new Fd();
                            Vma[] ring = new Vma[1];
                            return Plan.builder()
                                    .then("setup", () -> {
                                        fd.set(createAndOpen(m));
                                        fd.use(f -> ring[0] = mapAndTouch(m, f, RING));
                                    })
                                    .race(actor("daemon", () -> exit(m, fd, ring[0])), actor("admin", m::deleteTcmu))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("daemon", FdOp.TOUCH), op("exit")), List.of(op("delete")))).in(Situation.MAPPING_ALIVE).jcstress(),
                Scenario.<Uio>of("fork-then-delete",
                        "fork duplicated the ring mapping; parent exits, child faults and unmaps, while the backstore is deleted",
                        (k, m) -> {
                            Fd fd = new Fd();
                            Vma[] ring = new Vma[2];
                            return Plan.builder()
                                    .then("setup", () -> {
                                        fd.set(createAndOpen(m));
                                        fd.use(f -> ring[0] = mapAndTouch(m, f, RING));
                                        if (ring[0] != null) {
                                            ring[1] = m.fork(ring[0]);
                                        }
                                    })
                                    .race(actor("parent", () -> exit(m, fd, ring[0])),
                                            actor("child", () -> {
                                                touch(m, ring[1]);
                                                if (ring[1] != null) {
                                                    m.munmap(ring[1]);
                                                }
                                            }),
                                            actor("admin", m::deleteTcmu))
                                    .quiesce(m::quiesce);
                        }).in(Situation.MAPPING_ALIVE),
                Scenario.<Uio>of("reprobe-reuses-minor",
                        "a backstore deleted under an open fd; a new one takes its minor while the old fd is read and reopened",
                        (k, m) -> {
                            Fd old = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        old.set(createAndOpen(m));
                                        m.deleteTcmu();
                                    })
                                    .race(actor("admin", m::createTcmu),
                                            actor("daemon", () -> old.use(f -> {
                                                m.read(f);
                                                OpenResult again = m.reopen(f);
                                                if (again.ok()) {
                                                    m.poll(again.file());
                                                }
                                            })))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN).jcstress(),
                Scenario.<Uio>of("open-during-configure",
                        "tcmu-runner opens and maps the node while the backstore is being configured, then uses its fd",
                        (k, m) -> {
                            Fd fd = new Fd();
                            Vma[] ring = new Vma[1];
                            return Plan.builder()
                                    .race(actor("admin", m::createTcmu), actor("daemon", () -> {
                                        OpenResult r = m.open(TCMU);
                                        if (r.ok()) {
                                            fd.set(r.file());
                                            ring[0] = mapAndTouch(m, r.file(), RING);
                                        }
                                    }))
                                    .then("daemon", () -> fd.use(f -> {
                                        touch(m, ring[0]);
                                        m.poll(f);
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.NONE).jcstress(JcstressRace.plain().underFaultsOf(UioDefects.MAINLINE + ".configure-error-frees-mapped-ring")),
                Scenario.<Uio>of("rmmod-vs-close", "after the backstore is deleted, rmmod target_core_user races the daemon's exit",
                        (k, m) -> {
                            Fd fd = new Fd();
                            Vma[] ring = new Vma[1];
                            return Plan.builder()
                                    .then("setup", () -> {
                                        fd.set(createAndOpen(m));
                                        fd.use(f -> ring[0] = mapAndTouch(m, f, RING));
                                        m.deleteTcmu();
                                    })
                                    .race(actor("unloader", () -> m.rmmod(TCMU)),
                                            actor("daemon", () -> exit(m, fd, ring[0])))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Uio>of("platform-remove-while-mapped",
                        "user space maps the buffer, then the registers while the platform device is removed; touches both after",
                        (k, m) -> {
                            Fd fd = new Fd();
                            Vma[] maps = new Vma[2];
                            return Plan.builder()
                                    .then("setup", () -> {
                                        if (m.probe() == 0) {
                                            OpenResult r = m.open(PLATFORM);
                                            if (r.ok()) {
                                                fd.set(r.file());
                                                maps[MAP_BUFFER] = mapAndTouch(m, r.file(), MAP_BUFFER);
                                            }
                                        }
                                    })
                                    .race(actor("user", () -> fd.use(f ->
                                                    maps[MAP_REGISTERS] = mapAndTouch(m, f, MAP_REGISTERS))),
                                            actor("remover", m::remove))
                                    .then("user", () -> fd.use(f -> {
                                        touch(m, maps[MAP_REGISTERS]);
                                        touch(m, maps[MAP_BUFFER]);
                                        m.read(f);
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.MAPPING_ALIVE),
                Scenario.<Uio>of("platform-rmmod-vs-open", "rmmod of the platform driver races a process opening the device and writing irq_on",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probe)
                                .race(actor("unloader", () -> m.rmmod(PLATFORM)), actor("user", () -> {
                                    OpenResult r = m.open(PLATFORM);
                                    if (r.ok()) {
                                        m.write(r.file());
                                        m.close(r.file());
                                    }
                                }))
                                .quiesce(m::quiesce)).in(Situation.NONE),
                Scenario.<Uio>of("platform-irq-vs-remove", "the platform device raises its interrupt while it is removed (no fd open)",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probe)
                                .race(actor("device", m::interrupt), actor("remover", m::remove))
                                .quiesce(m::quiesce))
                        .lincheck(parallel(List.of(op("interrupt")), List.of(op("remove")))).in(Situation.NONE).jcstress());
    }

    private static ActorSpec actor(String name, Runnable body) {
        return ActorSpec.of(name, body);
    }

    /** Creates the backstore and opens its node: the fd, or null if a step failed. */
    private static File createAndOpen(Uio m) {
        if (m.createTcmu() != 0) {
            return null;
        }
        OpenResult r = m.open(TCMU);
        return r.ok() ? r.file() : null;
    }

    /** Maps {@code map} and touches it once: the mapping, or null if mmap failed. */
    private static Vma mapAndTouch(Uio m, File f, int map) {
        Vma v = m.mmap(f, map);
        touch(m, v);
        return v;
    }

    private static void touch(Uio m, Vma v) {
        if (v != null) {
            m.touch(v);
        }
    }

    /** Process exit: unmap, close. */
    private static void exit(Uio m, Fd fd, Vma v) {
        if (v != null) {
            m.munmap(v);
        }
        fd.use(m::close);
    }

    /** One poll on an open tcmu uio fd: a call that checks idev->info under info_lock and does not sleep. */
    static ReadSide<Uio> readSide() {
        return ReadSide.of("poll", (k, m) -> {
            File f = ReadSide.opened(createAndOpen(m));
            return () -> m.poll(f);
        });
    }
}
