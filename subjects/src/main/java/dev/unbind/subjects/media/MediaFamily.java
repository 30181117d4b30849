package dev.unbind.subjects.media;

import dev.unbind.kernel.KernelPoints;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.fs.CdevMap;
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

/** The media controller family: registered with ServiceLoader. */
public final class MediaFamily implements Family<Media> {
    /**
     * Lincheck: a pinned scenario that must find a defect may explore 60 interleavings (compat-ref's
     * close-vs-remove needs more than twelve), one that must pass explores 12 (about 0.3 s each on two
     * loaded cores); random: six scenarios of ten interleavings, the smallest sizes tried at which every
     * defective variant loses a race.
     */
    private static final LincheckFacade LINCHECK = LincheckFacade.of(MediaFacade.class, MediaContract.class, 60, 6, 10)
            .withPinnedToPass(12).withRandomBefore(0);
    private static final List<Variant<Media>> VARIANTS = List.of(
            new Variant<>("media.pre-series", "mainline: devnode allocated by the core, media_device freed by the driver at unbind",
                    "The media controller before the series: the core kzallocs the devnode, open files hold its struct "
                            + "device, fops test REGISTERED without a lock, unregister clears devnode->media_dev, and the "
                            + "driver frees the media_device at remove.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new MediaModel(k, MainlineMc::new, MediaSubject.LegacyIsp::new)),
            new Variant<>("media.refcounted", "the series, refcounted mode: ops->release frees the driver context at the last put",
                    "v4 14/26 and 22/26 as posted, with a driver converted as the series converts its drivers: the "
                            + "media_device embeds the devnode and is freed by ops->release at the last reference. Memory "
                            + "is safe; nothing waits for calls in flight, the registration error path leaves REGISTERED "
                            + "set, and the context can be freed before devres frees the interrupt.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new MediaModel(k, SeriesMc::new, MediaSubject.ConvertedIsp::new)),
            new Variant<>("media.compat-ref", "the series, compat mode: a core-owned compat ref for drivers without ops->release",
                    "v4 23/26 as posted, with a driver that still frees its media_device at unbind: the compat ref owns "
                            + "the char device and the registration state (\"best effort\"). Calls in flight, a close "
                            + "racing unbind, an open through a cached inode and the registration error paths all reach "
                            + "the driver's freed memory or the freed ref.",
                    Expectation.SHOWS_ITS_DEFECTS,
                    k -> new MediaModel(k, SeriesMc::new, MediaSubject.LegacyIsp::new)),
            new Variant<>("media.refcounted-fenced", "refcounted mode with an SRCU fence over file operations and fixed error paths",
                    "The refcounted mode plus: every file operation's registered test and call in one SRCU read-side "
                            + "section that unregister and a failing register wait for; the file handles left on "
                            + "fh_list; a driver that drops its reference from a devm action so the interrupt is freed "
                            + "first. Not posted; it must keep every property.",
                    Expectation.KEEPS_EVERY_PROPERTY,
                    k -> new MediaModel(k, FencedMc::new, MediaSubject.FencedIsp::new)));

    @Override
    public String id() {
        return "media";
    }

    @Override
    public String title() {
        return "Media controller: refcounted media_device and the media devnode compat ref";
    }

    @Override
    public String summary() {
        return "A media device (a camera ISP) is unbound while user space holds /dev/media0 open, has an ioctl "
                + "in flight, closes or reopens it, or while its registration fails. Compared: mainline, the "
                + "series' refcounted mode (driver ops->release), its compat-ref mode for unconverted drivers, and "
                + "a refcounted mode fenced with SRCU. Objections without checkable behaviour: the compat patch as "
                + "policy (Hans Verkuil: it hides unconverted drivers and needs more commentary; §1(e)5) and the "
                + "v2 ordering and media_device_get interface remarks (§1(e)6) are noted here, not modelled. "
                + "list_del_init(&mdev->fh_list) at unregister (§1(e)4) is modelled with real list pointers: it "
                + "detaches the head and is memory safe, since nothing reads the list afterwards.";
    }

    @Override
    public List<Variant<Media>> variants() {
        return VARIANTS;
    }

    @Override
    public List<Scenario<Media>> scenarios() {
        return MediaScenarios.all();
    }

    @Override
    public List<Defect> defects() {
        return MediaDefects.all();
    }

    @Override
    public ReadSide<Media> readSide() {
        return MediaScenarios.readSide();
    }

    @Override
    public List<Point> points() {
        List<Point> all = new ArrayList<>(Point.declaredIn(McCore.class));
        all.addAll(Point.declaredIn(MainlineMc.class));
        all.addAll(Point.declaredIn(SeriesMc.class));
        all.addAll(Point.declaredIn(IspDriver.class));
        all.addAll(Point.declaredIn(MediaSubject.class));
        all.addAll(Point.declaredIn(CdevMap.class));
        all.addAll(Point.declaredIn(KernelPoints.class));
        return all;
    }

    @Override
    public LincheckFacade lincheck() {
        return LINCHECK;
    }

    @Override
    public Set<String> teardownOps() {
        return Set.of("remove", "close", "rmmod");
    }
}
