package dev.unbind.fault;

import java.util.Objects;

/**
 * One rule of a fault plan: where it applies, which hits it selects, and what it does.
 * Plain data; the spec syntax ({@link FaultSpec}) round-trips through {@link #spec()}.
 */
public sealed interface FaultRule permits FaultRule.Fail, FaultRule.Delay, FaultRule.Event {

    PointGlob where();

    Selection when();

    /** This rule in fault-spec syntax. */
    String spec();

    /** The step fails: the model takes its error path (allocation, registration, init). */
    record Fail(PointGlob where, Selection when) implements FaultRule {
        public Fail {
            Objects.requireNonNull(where);
            Objects.requireNonNull(when);
        }

        @Override
        public String spec() {
            return join("fail", where, when.spec());
        }
    }

    /** The actor is slowed down at the point, widening the window behind it. */
    record Delay(PointGlob where, Selection when, DelayKind kind, long amount) implements FaultRule {
        public Delay {
            Objects.requireNonNull(where);
            Objects.requireNonNull(when);
            Objects.requireNonNull(kind);
            if (amount < 0) {
                throw new IllegalArgumentException("negative delay");
            }
        }

        @Override
        public String spec() {
            String a = kind == DelayKind.PARK ? FaultSpec.formatDuration(amount) : Long.toString(amount);
            String sel = when.spec();
            return join("delay", where, kind.word() + "=" + a + (sel.isEmpty() ? "" : "," + sel));
        }
    }

    /** Something happens at the point. {@code target} is a module or actor name, or null. */
    record Event(PointGlob where, Selection when, EventKind kind, String target) implements FaultRule {
        public Event {
            Objects.requireNonNull(where);
            Objects.requireNonNull(when);
            Objects.requireNonNull(kind);
        }

        @Override
        public String spec() {
            String sel = when.spec();
            String what = kind.word() + (target == null ? "" : "=" + target);
            return join("event", where, what + (sel.isEmpty() ? "" : "," + sel));
        }
    }

    private static String join(String action, PointGlob where, String options) {
        return action + ":" + where.glob() + (options.isEmpty() ? "" : ":" + options);
    }
}
