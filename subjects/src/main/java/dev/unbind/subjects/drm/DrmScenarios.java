package dev.unbind.subjects.drm;

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

import static dev.unbind.subjects.drm.Drm.Ioctl.ATOMIC;
import static dev.unbind.subjects.drm.Drm.Ioctl.ATOMIC_NONBLOCK;
import static dev.unbind.subjects.drm.Drm.Ioctl.DETECT;
import static dev.unbind.subjects.drm.Drm.Ioctl.GETRESOURCES;
import static dev.unbind.subjects.drm.Drm.Ioctl.GET_PARAM;
import static dev.unbind.subjects.drm.Drm.Ioctl.WAIT_EVENT;

/**
 * The DRM scenarios: the situations of PROTOCOLS.md §8 as DRM puts them. Every scenario starts
 * from a fresh machine and ends at quiescence (fds closed, mappings gone, device removed,
 * modules unloaded), so leaks are checked after every run. Setup steps can fail under fault
 * injection; the scenario then goes on with whatever it has, as user space would.
 */
final class DrmScenarios {
    private DrmScenarios() {
    }

    static List<Scenario<Drm>> all() {
        return List.of(
                Scenario.<Drm>of("ioctl-vs-remove", "an ioctl that reads the hardware is in flight while the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("user", () -> fd.use(f -> m.ioctl(f, DETECT))), actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("ioctl", DETECT)), List.of(op("remove")))
                        // remove first, then DETECT reads the HPD register devres unmapped: the ioctl-after-remove defect shows first
                        .expecting(DrmDefects.BASELINE, DrmDefects.BASELINE + ".unfiltered-ioctl")).in(Situation.FD_OPEN).jcstress(),
                Scenario.<Drm>of("two-ioctls-vs-remove", "two threads on the same fd call ioctls while the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("user", () -> fd.use(f -> m.ioctl(f, GET_PARAM))),
                                            actor("user2", () -> fd.use(f -> m.ioctl(f, GETRESOURCES))),
                                            actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Drm>of("ioctl-after-remove", "the device is removed, then the open fd keeps calling ioctls",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("remover", m::remove)
                                    .then("user", () -> fd.use(f -> {
                                        m.ioctl(f, GET_PARAM);
                                        m.ioctl(f, GETRESOURCES);
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Drm>of("commit-vs-remove", "a nonblocking atomic commit is queued while the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("user", () -> fd.use(f -> m.ioctl(f, ATOMIC_NONBLOCK))), actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("ioctl", ATOMIC_NONBLOCK), op("kworker")), List.of(op("remove")))
                        // the first failing interleaving lets the commit enable scanout before remove: the shutdown after unplug
                        // skips its own hardware writes and the display is left on
                        .expecting(DrmDefects.UNPLUG, DrmDefects.UNPLUG + ".shutdown-skipped")).in(Situation.FD_OPEN).jcstress(),
                Scenario.<Drm>of("commit-then-remove", "the display is on (a blocking commit enabled scanout) when the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        fd.set(probeAndOpen(m));
                                        fd.use(f -> m.ioctl(f, ATOMIC));
                                    })
                                    .then("remover", m::remove)
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Drm>of("close-vs-remove", "the last fd is closed while the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("closer", () -> fd.use(m::close)), actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN).jcstress(),
                Scenario.<Drm>of("reopen-after-remove", "after remove, the open fd is reopened through its cached inode (/proc/self/fd)",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("remover", m::remove)
                                    .then("user", () -> fd.use(f -> {
                                        OpenResult again = m.reopen(f);
                                        if (again.ok()) {
                                            m.ioctl(again.file(), GET_PARAM);
                                        }
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Drm>of("blocked-waiter-vs-remove",
                        "an ioctl sleeps waiting for a hardware event while the device is removed; the process is killed after remove returns",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("waiter", () -> fd.use(f -> m.ioctl(f, WAIT_EVENT))),
                                            actor("remover", m::remove),
                                            actor("killer", () -> UserSpace.killAfter(k, "remover", "waiter")))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("ioctl", WAIT_EVENT)), List.of(op("remove")))
                        .skipping(DrmDefects.BASELINE, "its remove never wakes the waiter, and Lincheck's scenario has no killer")).in(Situation.READER_BLOCKED),
                Scenario.<Drm>of("mmap-after-remove", "a buffer in device memory is mapped and touched before and after remove",
                        (k, m) -> {
                            Fd fd = new Fd();
                            Vma[] vma = new Vma[1];
                            return Plan.builder()
                                    .then("setup", () -> {
                                        fd.set(probeAndOpen(m));
                                        fd.use(f -> {
                                            vma[0] = m.mmap(f);
                                            if (vma[0] != null) {
                                                m.touch(vma[0]);
                                            }
                                        });
                                    })
                                    .race(actor("remover", m::remove), actor("user", () -> {
                                        if (vma[0] != null) {
                                            m.touch(vma[0]);
                                        }
                                    }))
                                    .then("user", () -> {
                                        if (vma[0] != null) {
                                            m.touch(vma[0]);
                                        }
                                    })
                                    .quiesce(m::quiesce);
                        }).in(Situation.MAPPING_ALIVE),
                Scenario.<Drm>of("helper-rmmod-vs-close", "after remove, the panel helper module is unloaded while the last fd closes",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("remover", m::remove)
                                    .race(actor("unloader", m::rmmodHelper), actor("closer", () -> fd.use(m::close)))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("rmmodHelper")), List.of(op("close"))).initially(op("remove"))
                        // every run ends in the last put walking KMS objects devres freed, before the helper's action runs
                        .expecting(DrmDefects.BASELINE, DrmDefects.BASELINE + ".devm-kms-objects")).in(Situation.FD_OPEN),
                Scenario.<Drm>of("open-during-failing-register", "an opener races a probe whose drm_dev_register may fail after the minor is visible",
                        (k, m) -> Plan.builder()
                                .race(actor("prober", m::probe), actor("opener", () -> {
                                    OpenResult r = m.open();
                                    if (r.ok()) {
                                        m.ioctl(r.file(), GET_PARAM);
                                    }
                                }))
                                .quiesce(m::quiesce)).in(Situation.NONE).jcstress(JcstressRace.plain().underFaultsOf(DrmDefects.BASELINE + ".register-failure-window")),
                Scenario.<Drm>of("reprobe-reuses-minor", "remove, probe a new device, then the old fd and a new opener race",
                        (k, m) -> {
                            Fd old = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        old.set(probeAndOpen(m));
                                        m.remove();
                                        m.probe();
                                    })
                                    .race(actor("old-fd", () -> old.use(f -> m.ioctl(f, GETRESOURCES))),
                                            actor("opener", () -> {
                                                OpenResult r = m.open();
                                                if (r.ok()) {
                                                    m.ioctl(r.file(), GET_PARAM);
                                                }
                                            }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Drm>of("rmmod-driver-vs-open", "the display driver module is unloaded while a process opens the device",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probe)
                                .race(actor("opener", () -> {
                                    OpenResult r = m.open();
                                    if (r.ok()) {
                                        m.ioctl(r.file(), GET_PARAM);
                                        m.close(r.file());
                                    }
                                }), actor("unloader", m::rmmodDriver))
                                .quiesce(m::quiesce)).in(Situation.NONE));
    }

    /** The canonical race of the family: an in-flight hardware ioctl against remove. */
    static Scenario<Drm> canonical() {
        return all().get(0);
    }

    private static ActorSpec actor(String name, Runnable body) {
        return ActorSpec.of(name, body);
    }

    private static File probeAndOpen(Drm m) {
        if (m.probe() != 0) {
            return null;
        }
        OpenResult r = m.open();
        return r.ok() ? r.file() : null;
    }

    /** One GET_PARAM ioctl on an open fd of a live device (it reads a status register): the call drm_dev_enter/exit brackets. */
    static ReadSide<Drm> readSide() {
        return ReadSide.of("ioctl(GET_PARAM)", (k, m) -> {
            File f = ReadSide.opened(probeAndOpen(m));
            return () -> m.ioctl(f, GET_PARAM);
        });
    }
}
