package dev.unbind.fault;

/**
 * Which hits of a matching point a rule fires on, after the kernel's fault_attr
 * (lib/fault-inject.c, {@code should_fail}), checked in this order:
 * <ol>
 *   <li>{@code nth > 0}: fire exactly on the nth matching hit of the run, nothing else applies
 *       (the kernel's {@code fail-nth}).</li>
 *   <li>{@code times}: fire at most this many times; {@code -1} = unlimited.</li>
 *   <li>{@code actor}: only hits by actors whose name matches this glob count (the task filter).</li>
 *   <li>{@code interval}: only every interval-th counted hit is a candidate.</li>
 *   <li>{@code probability}: a candidate fires with this probability, decided by a hash of the
 *       seed, the rule, the point, the actor and the actor's hit number, so the same seed gives the
 *       same decisions whatever the interleaving of other actors.</li>
 * </ol>
 */
public record Selection(double probability, int interval, int times, String actor, int nth) {
    public static final Selection ALWAYS = new Selection(1.0, 1, -1, null, 0);

    public Selection {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("p must be between 0 and 1, got " + probability);
        }
        if (interval < 1) {
            throw new IllegalArgumentException("interval must be at least 1, got " + interval);
        }
        if (times < -1) {
            throw new IllegalArgumentException("times must be -1 (unlimited) or more, got " + times);
        }
        if (nth < 0) {
            throw new IllegalArgumentException("nth must be 1 or more, got " + nth);
        }
    }

    public static Selection nth(int n) {
        return new Selection(1.0, 1, -1, null, n);
    }

    public Selection withProbability(double p) {
        return new Selection(p, interval, times, actor, nth);
    }

    public Selection withTimes(int t) {
        return new Selection(probability, interval, t, actor, nth);
    }

    public Selection withActor(String glob) {
        return new Selection(probability, interval, times, glob, nth);
    }

    /** The options in spec syntax, empty when all are defaults. */
    String spec() {
        StringBuilder b = new StringBuilder();
        if (nth > 0) {
            append(b, "nth=" + nth);
        }
        if (probability != 1.0) {
            append(b, "p=" + probability);
        }
        if (interval != 1) {
            append(b, "interval=" + interval);
        }
        if (times != -1) {
            append(b, "times=" + times);
        }
        if (actor != null) {
            append(b, "actor=" + actor);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, String s) {
        if (b.length() > 0) {
            b.append(',');
        }
        b.append(s);
    }
}
