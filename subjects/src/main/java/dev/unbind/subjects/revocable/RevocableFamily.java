package dev.unbind.subjects.revocable;

import dev.unbind.kernel.KernelPoints;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.fs.Misc;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Family;
import dev.unbind.subject.LincheckFacade;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The fs_revocable_replace family: registered with ServiceLoader. */
public final class RevocableFamily implements Family<Revocable> {
    /**
     * Lincheck: 8 interleavings per pinned scenario (about 0.2 s each: an invocation builds, probes
     * and tears down the whole machine); a random exploration of one small scenario, 8 interleavings.
     */
    private static final LincheckFacade LINCHECK = LincheckFacade.of(RevocableFacade.class, RevocableContract.class, 8, 1, 8);
    public static final String V5 = "revocable.fs-replace-v5";
    public static final String MISC = "revocable.misc-provider";
    public static final String FIXED = "revocable.fixed";

    private static final List<Variant<Revocable>> VARIANTS = List.of(
            new Variant<>(V5, "fs_revocable_replace v5 with misc_open and cros_ec_chardev using it, as posted",
                    "PATCH v5 5/7-7/7 (2025-10-16) on the revocable core as posted: misc_open replaces the fops "
                            + "of a file with a per-open copy whose read, poll and unlocked_ioctl enter the providers' "
                            + "SRCU sections; cros_ec_chardev's try_access callback stores the EC pointer in the file's "
                            + "private data; the EC's provider is revoked by devres when the EC is unbound.",
                    Expectation.SHOWS_ITS_DEFECTS, RevocableSubject::fsReplaceV5),
            new Variant<>(MISC, "the misc variant: the miscdevice as its own revocable resource, as posted",
                    "The Oct 19 variant: misc_register allocates a provider for the misc device, misc_deregister "
                            + "revokes it before unlinking, misc_open gives every file a consumer; drivers unchanged.",
                    Expectation.SHOWS_ITS_DEFECTS, RevocableSubject::miscProvider),
            new Variant<>(FIXED, "fs_revocable corrected: refcounted providers, every entry routed, sleepers woken",
                    "A corrected fs_revocable on a corrected core: handles taken under a held provider reference, "
                            + "every entry point wrapped, no per-file result slot, the SRCU index per call, revoke "
                            + "wakes sleepers before its grace period and zaps mappings after it, clean error paths and "
                            + "exactly one driver release per open.",
                    Expectation.KEEPS_EVERY_PROPERTY, RevocableSubject::fixed));

    @Override
    public String id() {
        return "revocable";
    }

    @Override
    public String title() {
        return "fs_revocable_replace over the SRCU revocable API, and the misc variant";
    }

    @Override
    public String summary() {
        return "The ChromeOS EC is unbound while /dev/cros_ec is open, read, polled, ioctl'd from several "
                + "threads or a 32-bit process, or slept in; a supplier of /dev/zzz (the thread's two-provider "
                + "example) goes away while Z stays bound. Compared: fs_revocable_replace v5 with cros_ec_chardev as "
                + "posted, the misc-device-as-resource variant as posted, and a corrected fs_revocable. Not checkable "
                + "and so not in the catalogue: v5's f_rr left pointing at freed memory after a failed replace (D1: "
                + "nothing reads it), and the design costs of D11 (a struct file field, a fops copy per open, SRCU "
                + "on every fop), which the stress latencies and the benchmarks show.";
    }

    @Override
    public List<Variant<Revocable>> variants() {
        return VARIANTS;
    }

    @Override
    public List<Scenario<Revocable>> scenarios() {
        return RevocableScenarios.all();
    }

    @Override
    public List<Defect> defects() {
        return RevocableDefects.all();
    }

    @Override
    public ReadSide<Revocable> readSide() {
        return RevocableScenarios.readSide();
    }

    @Override
    public List<Point> points() {
        List<Point> all = new ArrayList<>();
        for (Class<?> c : List.of(RevocableCore.class, FsRevocable.class, CrosEc.class, CrosEcChardev.class, TwoProviderConsumer.class,
                Misc.class, KernelPoints.class)) {
            all.addAll(Point.declaredIn(c));
        }
        return all;
    }

    @Override
    public LincheckFacade lincheck() {
        return LINCHECK;
    }

    @Override
    public Set<String> teardownOps() {
        return Set.of("remove", "unbind", "close", "rmmod");
    }
}
