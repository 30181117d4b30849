package dev.unbind.subjects.media;

import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.subject.Fd;
import dev.unbind.subject.Plan;
import dev.unbind.subject.JcstressRace;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Situation;

import java.util.List;

import static dev.unbind.subject.LincheckRace.op;
import static dev.unbind.subject.LincheckRace.parallel;

import static dev.unbind.subjects.media.Media.Ioctl.DEVICE_INFO;
import static dev.unbind.subjects.media.Media.Ioctl.G_TOPOLOGY;
import static dev.unbind.subjects.media.Media.Ioctl.SETUP_LINK;

/**
 * The media scenarios: the situations of PROTOCOLS.md §8 as the media controller puts them.
 * Every scenario starts from a fresh machine and ends at quiescence (fds closed, device removed,
 * modules unloaded), so leaks are checked after every run; the explorer also sweeps fail-nth over
 * every fallible step each scenario passes (probe, register, open). Setup steps can fail under
 * fault injection; the scenario then goes on with whatever it has, as user space would.
 *
 * <p>The user-visible contract after unbind (INV-MC2, B2) is checked where it applies: ioctl and
 * compat_ioctl return -EIO, read and write -EIO or -EINVAL (media_device_fops has neither),
 * poll EPOLLERR|EPOLLHUP, and an open -ENXIO (or -ENOENT once the node is gone).
 */
final class MediaScenarios {
    private MediaScenarios() {
    }

    static List<Scenario<Media>> all() {
        return List.of(
                Scenario.<Media>of("ioctl-vs-remove", "an ioctl that walks the graph is in flight while the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("user", () -> fd.use(f -> m.ioctl(f, G_TOPOLOGY))), actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("ioctl", G_TOPOLOGY)), List.of(op("remove")))).in(Situation.FD_OPEN).jcstress(),
                Scenario.<Media>of("setup-link-vs-remove",
                        "MEDIA_IOC_SETUP_LINK, whose link_notify writes the ISP's registers, is in flight while the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("user", () -> fd.use(f -> m.ioctl(f, SETUP_LINK))), actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("ioctl", SETUP_LINK)), List.of(op("remove")))).in(Situation.FD_OPEN).jcstress(),
                Scenario.<Media>of("two-threads-vs-remove", "two threads on the same fd call ioctls while the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("user", () -> fd.use(f -> m.ioctl(f, DEVICE_INFO))),
                                            actor("user2", () -> fd.use(f -> m.ioctl(f, G_TOPOLOGY))),
                                            actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Media>of("ops-after-remove",
                        "the device is removed, then the open fd calls ioctl, compat_ioctl, read, write and poll",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("remover", m::remove)
                                    .then("user", () -> fd.use(f -> {
                                        expect(k, "ioctl after remove", m.ioctl(f, DEVICE_INFO), -Errno.EIO);
                                        expect(k, "compat_ioctl after remove", m.compatIoctl(f, G_TOPOLOGY), -Errno.EIO);
                                        expect(k, "read after remove", m.read(f), -Errno.EIO, -Errno.EINVAL);
                                        expect(k, "write after remove", m.write(f), -Errno.EIO, -Errno.EINVAL);
                                        int mask = m.poll(f);
                                        k.expectPollMask("poll after remove", mask);
                                        expect(k, "poll after remove", mask, Errno.EPOLLERR | Errno.EPOLLHUP);
                                        m.close(f);
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Media>of("close-vs-remove", "the last fd is closed while the device is removed",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .race(actor("closer", () -> fd.use(m::close)), actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("close")), List.of(op("remove")))).in(Situation.FD_OPEN).jcstress(),
                Scenario.<Media>of("two-closes-vs-remove", "two fds are closed by two processes while the device is removed",
                        (k, m) -> {
                            Fd a = new Fd();
                            Fd b = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        a.set(probeAndOpen(m));
                                        if (a.get() != null) {
                                            b.set(openOrNull(m));
                                        }
                                    })
                                    .race(actor("closer", () -> a.use(m::close)), actor("closer2", () -> b.use(m::close)),
                                            actor("remover", m::remove))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Media>of("open-vs-remove", "a process opens /dev/media0 while the device is removed",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probe)
                                .race(actor("opener", () -> {
                                    OpenResult r = m.open();
                                    if (r.ok()) {
                                        m.ioctl(r.file(), DEVICE_INFO);
                                        m.close(r.file());
                                    }
                                }), actor("remover", m::remove))
                                .quiesce(m::quiesce)).in(Situation.NONE),
                Scenario.<Media>of("reopen-after-remove", "after remove, the open fd is reopened through its cached inode (/proc/self/fd)",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("remover", m::remove)
                                    .then("user", () -> fd.use(f -> {
                                        OpenResult again = m.reopen(f);
                                        expect(k, "open through the cached inode after remove", again.rc(), -Errno.ENXIO);
                                        if (again.ok()) {
                                            m.close(again.file());
                                        }
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Media>of("reprobe-reuses-minor", "remove, probe a new device, then the old fd and a new opener race",
                        (k, m) -> {
                            Fd old = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> {
                                        old.set(probeAndOpen(m));
                                        m.remove();
                                        m.probe();
                                    })
                                    .race(actor("old-fd", () -> old.use(f -> expect(k, "ioctl on the old fd after re-probe",
                                                    m.ioctl(f, G_TOPOLOGY), -Errno.EIO))),
                                            actor("opener", () -> {
                                                OpenResult r = m.open();
                                                if (r.ok()) {
                                                    m.ioctl(r.file(), DEVICE_INFO);
                                                }
                                            }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.FD_OPEN),
                Scenario.<Media>of("rmmod-vs-close", "after remove, the driver and mc modules are unloaded while the last fd closes",
                        (k, m) -> {
                            Fd fd = new Fd();
                            return Plan.builder()
                                    .then("setup", () -> fd.set(probeAndOpen(m)))
                                    .then("remover", m::remove)
                                    .race(actor("unloader", () -> {
                                        if (m.rmmodDriver() == 0) {
                                            m.rmmodMc();
                                        }
                                    }), actor("closer", () -> fd.use(m::close)))
                                    .quiesce(m::quiesce);
                        })
                        .lincheck(parallel(List.of(op("rmmod")), List.of(op("close"))).initially(op("remove"))).in(Situation.FD_OPEN),
                Scenario.<Media>of("rmmod-vs-open", "the driver module is unloaded while a process opens the device and calls an ioctl",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probe)
                                .race(actor("opener", () -> {
                                    OpenResult r = m.open();
                                    if (r.ok()) {
                                        m.ioctl(r.file(), SETUP_LINK);
                                        m.close(r.file());
                                    }
                                }), actor("unloader", m::rmmodDriver))
                                .quiesce(m::quiesce)).in(Situation.NONE),
                Scenario.<Media>of("open-during-failing-register",
                        "a process with a static /dev node opens media0 while a probe whose registration may fail runs",
                        (k, m) -> {
                            Fd fd = new Fd();
                            int[] probed = new int[1];
                            return Plan.builder()
                                    .race(actor("prober", () -> probed[0] = m.probe()), actor("opener", () -> {
                                        OpenResult r = m.openNode();
                                        fd.set(r.ok() ? r.file() : null);
                                    }))
                                    .then("user", () -> fd.use(f -> {
                                        long rc = m.ioctl(f, DEVICE_INFO);
                                        if (probed[0] != 0) {
                                            expect(k, "ioctl on an fd opened while the registration failed", rc, -Errno.EIO);
                                        }
                                        m.close(f);
                                    }))
                                    .quiesce(m::quiesce);
                        }).in(Situation.NONE).jcstress(JcstressRace.plain().underFaultsOf(MediaDefects.REF + ".cdev-add-failure-leaves-registered")),
                Scenario.<Media>of("irq-vs-remove", "the ISP raises its interrupt while the device is removed (no file open)",
                        (k, m) -> Plan.builder()
                                .then("setup", m::probe)
                                .race(actor("irq", m::interrupt), actor("remover", m::remove))
                                .quiesce(m::quiesce))
                        .lincheck(parallel(List.of(op("interrupt")), List.of(op("remove"))).initially(op("close"))).in(Situation.NONE).jcstress());
    }

    /** The canonical race of the family: an ioctl in flight against remove (B1 / §1(e)1). */
    static Scenario<Media> canonical() {
        return all().get(0);
    }

    private static ActorSpec actor(String name, Runnable body) {
        return ActorSpec.of(name, body);
    }

    private static void expect(Kernel k, String op, long rc, long... allowed) {
        k.expectResult(op, rc, allowed);
    }

    private static File probeAndOpen(Media m) {
        if (m.probe() != 0) {
            return null;
        }
        return openOrNull(m);
    }

    private static File openOrNull(Media m) {
        OpenResult r = m.open();
        return r.ok() ? r.file() : null;
    }

    /** One MEDIA_IOC_DEVICE_INFO on an open fd of a live device: the call behind the registered checks. */
    static ReadSide<Media> readSide() {
        return ReadSide.of("ioctl(DEVICE_INFO)", (k, m) -> {
            File f = ReadSide.opened(probeAndOpen(m));
            return () -> m.ioctl(f, DEVICE_INFO);
        });
    }
}
