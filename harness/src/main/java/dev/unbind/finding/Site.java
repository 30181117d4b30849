package dev.unbind.finding;

/**
 * Where something happened: which actor, at which named step (the last named point the actor
 * passed), doing what. This plays the role of a stack trace in a KASAN report.
 *
 * @param actor the actor name ({@code remover}, {@code ioctl}, {@code kworker:commit})
 * @param step  the actor's last named point, or {@code (start)} before its first one
 * @param what  the operation, in kernel words ({@code kfree(drm_device)}, {@code read priv.ec_dev})
 */
public record Site(String actor, String step, String what) {
    @Override
    public String toString() {
        return actor + " at " + step + ": " + what;
    }
}
