package dev.unbind.lincheck.media;

import dev.unbind.lincheck.CheckFactory;
import dev.unbind.engine.lincheck.CustomScenario;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckSuite;

import java.util.ArrayList;
import java.util.List;

import static dev.unbind.engine.lincheck.CustomScenario.op;
import static dev.unbind.subjects.media.Media.Ioctl.G_TOPOLOGY;
import static dev.unbind.subjects.media.Media.Ioctl.SETUP_LINK;

/**
 * The Lincheck checks of the media family, per variant, with pinned sizes. Hand-written scenarios
 * pin each textbook race (named after the family's scenario of the same race); one random
 * exploration per variant looks around them. Model checking is seeded: every check finds the same
 * interleaving on every run.
 *
 * <p>A defective variant's check names the catalogued defect it must find; the fenced variant's
 * checks must pass.
 */
public final class MediaLincheckSuite implements LincheckSuite {
    static final String PRE = "media.pre-series";
    static final String REFCOUNTED = "media.refcounted";
    static final String COMPAT = "media.compat-ref";
    static final String FENCED = "media.refcounted-fenced";

    /**
     * Interleavings a passing hand-written check explores (the fenced variant's; about 0.3 s each
     * on two loaded cores).
     */
    static final int PINNED_INVOCATIONS = 12;
    /**
     * Interleavings a hand-written check that must find a defect may explore; it stops at the
     * first that loses the race (compat-ref's close-vs-remove needs more than twelve).
     */
    static final int PINNED_INVOCATIONS_TO_FIND = 60;
    /**
     * Random exploration: six small scenarios (two threads of two actors, one actor after), ten
     * interleavings each: the smallest sizes tried at which every defective variant loses a race
     * (six scenarios of eight interleavings, or five of six, pass on all of them).
     */
    static final int RANDOM_ITERATIONS = 6;
    static final int RANDOM_INVOCATIONS = 10;
    private static final CheckFactory CHECKS = CheckFactory.of(MediaContract.class, MediaFacade.class, PINNED_INVOCATIONS_TO_FIND, RANDOM_ITERATIONS, RANDOM_INVOCATIONS)
            .withPinnedToPass(PINNED_INVOCATIONS).withRandomBefore(0);
    @Override
    public List<LincheckCheck> checks() {
        List<LincheckCheck> all = new ArrayList<>();
        Class<MediaFacade.PreSeries> pre = MediaFacade.PreSeries.class;
        // The first interleaving that loses the race reads devnode->media_dev after unregister cleared it.
        all.add(ioctlVsRemove(PRE, pre, PRE + ".inflight-ioctl-null-media-dev"));
        // The random scenario's ioctl read media_dev first, then the graph_mutex inside the freed isp_device.
        all.add(CHECKS.randomOps(PRE, pre, PRE + ".inflight-ioctl-uaf"));

        Class<MediaFacade.Refcounted> ref = MediaFacade.Refcounted.class;
        all.add(setupLinkVsRemove(REFCOUNTED, ref, REFCOUNTED + ".link-notify-after-remove"));
        all.add(irqVsRemove(REFCOUNTED, ref, REFCOUNTED + ".irq-after-release"));
        all.add(CHECKS.randomOps(REFCOUNTED, ref, REFCOUNTED + ".link-notify-after-remove"));

        Class<MediaFacade.CompatRef> compat = MediaFacade.CompatRef.class;
        all.add(ioctlVsRemove(COMPAT, compat, COMPAT + ".best-effort-window"));
        all.add(closeVsRemove(COMPAT, compat, COMPAT + ".close-vs-unregister"));
        all.add(CHECKS.randomOps(COMPAT, compat, COMPAT + ".best-effort-window"));

        Class<MediaFacade.RefcountedFenced> fenced = MediaFacade.RefcountedFenced.class;
        all.add(ioctlVsRemove(FENCED, fenced, null));
        all.add(setupLinkVsRemove(FENCED, fenced, null));
        all.add(closeVsRemove(FENCED, fenced, null));
        all.add(irqVsRemove(FENCED, fenced, null));
        all.add(rmmodVsClose(FENCED, fenced, null));
        all.add(CHECKS.randomOps(FENCED, fenced, null));
        return all;
    }

    /** CPU0 walks the graph in MEDIA_IOC_G_TOPOLOGY, CPU1 unbinds: the canonical race of the family (B1, §1(e)1). */
    static LincheckCheck ioctlVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "ioctl-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("ioctl", G_TOPOLOGY)), List.of(op("remove"))));
    }

    /** MEDIA_IOC_SETUP_LINK, whose link_notify writes the ISP's registers, against unbind (§1(e)7). */
    static LincheckCheck setupLinkVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "setup-link-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("ioctl", SETUP_LINK)), List.of(op("remove"))));
    }

    /** The last fd is closed while the device is removed (§1(e)2). */
    static LincheckCheck closeVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "close-vs-remove", facade, expected,
                s -> s.parallel(List.of(op("close")), List.of(op("remove"))));
    }

    /** With no file open (closed first), the ISP raises its interrupt while the device is removed (§1(e)7, IRQ). */
    static LincheckCheck irqVsRemove(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "irq-vs-remove", facade, expected,
                s -> s.initial(op("close")).parallel(List.of(op("interrupt")), List.of(op("remove"))));
    }

    /** After remove, the driver and mc are unloaded while the last fd closes (§1(f)). */
    static LincheckCheck rmmodVsClose(String variant, Class<?> facade, String expected) {
        return CHECKS.pinned(variant, "rmmod-vs-close", facade, expected,
                s -> s.initial(op("remove")).parallel(List.of(op("rmmod")), List.of(op("close"))));
    }

    /** The check called {@code name} of {@code variant}. */
    public static LincheckCheck check(String variant, String name) {
        return CheckFactory.find(new MediaLincheckSuite(), variant, name);
    }
}
