package dev.unbind.sched;

import dev.unbind.kernel.Wait;
import dev.unbind.kernel.Actor;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.PointListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forces an interleaving on real threads: when an actor reaches a named point it waits until
 * another actor has reached a given point (or finished). Install it as the kernel's
 * {@link PointListener}. The waits are ordinary scheduler waits, so a choreography that cannot be
 * satisfied is reported as a hang instead of wedging the test.
 *
 * <pre>{@code
 * new Choreography()
 *     .at("freer", "canary.before-free").waitFor("user", "canary.inside-access")
 *     .at("user", "canary.inside-access").waitForFinish("freer");
 * }</pre>
 */
public final class Choreography implements PointListener {
    private enum Until { POINT, FINISH, QUIET }

    private record Rule(String actor, String point, String otherActor, String otherPoint, Until until) {
    }

    /** A choreography wait, told apart from the model's own waits. */
    private record Pause(String what, Kernel k, Rule rule, Choreography owner) implements Wait {
        @Override
        public boolean ready() {
            return owner.satisfied(k, rule);
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> reached = ConcurrentHashMap.newKeySet();

    /** Starts a rule for {@code actor} arriving at {@code point}. */
    public RuleBuilder at(String actor, String point) {
        return new RuleBuilder(actor, point);
    }

    @Override
    public void hit(Kernel k, Actor actor, Point p) {
        reached.add(actor.name() + "@" + p.name());
        for (Rule r : rules) {
            if (r.actor.equals(actor.name()) && r.point.equals(p.name())) {
                String label = switch (r.until) {
                    case POINT -> r.otherActor + " to reach " + r.otherPoint;
                    case FINISH -> r.otherActor + " to finish";
                    case QUIET -> r.otherActor + " to finish or block";
                };
                k.block(new Pause("choreography: " + actor.name() + " waits for " + label, k, r, this));
            }
        }
    }

    private boolean satisfied(Kernel k, Rule r) {
        if (r.until == Until.POINT) {
            return reached.contains(r.otherActor + "@" + r.otherPoint);
        }
        Actor other = k.actorNamed(r.otherActor);
        if (other == null) {
            return false;
        }
        if (other.finished()) {
            return true;
        }
        if (r.until == Until.FINISH) {
            return false;
        }
        Wait w = other.blockedOn();
        // blocked in the model (not merely paused by a choreography) and not about to wake
        return w != null && !(w instanceof Pause) && !w.ready();
    }

    /** Completes a rule. */
    public final class RuleBuilder {
        private final String actor;
        private final String point;

        private RuleBuilder(String actor, String point) {
            this.actor = actor;
            this.point = point;
        }

        /** Wait until {@code otherActor} has reached {@code otherPoint}. */
        public Choreography waitFor(String otherActor, String otherPoint) {
            rules.add(new Rule(actor, point, otherActor, otherPoint, Until.POINT));
            return Choreography.this;
        }

        /** Wait until {@code otherActor} has finished. */
        public Choreography waitForFinish(String otherActor) {
            rules.add(new Rule(actor, point, otherActor, null, Until.FINISH));
            return Choreography.this;
        }

        /** Wait until {@code otherActor} has finished or is blocked in the model ("as far as it goes"). */
        public Choreography waitForQuiet(String otherActor) {
            rules.add(new Rule(actor, point, otherActor, null, Until.QUIET));
            return Choreography.this;
        }
    }
}
