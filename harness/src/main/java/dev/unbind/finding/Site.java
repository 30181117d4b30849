package dev.unbind.finding;

import dev.unbind.code.Frame;

import java.util.List;

/**
 * Where something happened: which actor, at which named step (the last named point the actor
 * passed), doing what, and in which functions of model code. This plays the role of a stack trace
 * in a KASAN report.
 *
 * @param actor  the actor name ({@code remover}, {@code ioctl}, {@code kworker:commit})
 * @param step   the actor's last named point, or {@code (start)} before its first one
 * @param what   the operation, in kernel words ({@code kfree(drm_device)}, {@code read priv.ec_dev})
 * @param frames the model-code frames, innermost first; empty when none were taken (an engine that
 *               sees no stack, a site recorded cheaply)
 */
public record Site(String actor, String step, String what, List<Frame> frames) {
    public Site {
        frames = frames == null ? List.of() : List.copyOf(frames);
    }

    public Site(String actor, String step, String what) {
        this(actor, step, what, List.of());
    }

    /** The same site, in these functions. */
    public Site withFrames(List<Frame> f) {
        return new Site(actor, step, what, f);
    }

    /** The innermost function of model code ({@code DisplayDriver.readHpd}), or "" when no frames were taken. */
    public String function() {
        return frames.isEmpty() ? "" : frames.get(0).function();
    }

    /**
     * True when every function taken lies in unchanged core code: core code called by a driver or
     * a fix (a notifier unregistered from a driver's release) is the driver's doing, not the core's.
     * False when any frame is elsewhere, or none was taken.
     */
    public boolean inCore() {
        return !frames.isEmpty() && frames.stream().allMatch(Frame::core);
    }

    @Override
    public String toString() {
        return actor + " at " + step + ": " + what;
    }
}
