package dev.unbind.jcstress;

import dev.unbind.engine.jcstress.JcstressSources;
import dev.unbind.fault.FaultPlan;
import dev.unbind.fault.FaultSpec;
import dev.unbind.kernel.Actor;
import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.HangAbort;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Oops;
import dev.unbind.sched.ExternalThreads;
import dev.unbind.subject.Family;
import dev.unbind.subject.Plan;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Subjects;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one JCStress state every generated test uses: one simulated machine running one scenario's
 * own plan on one variant. Built by the test's {@code @State} constructor, it builds the kernel
 * on real threads with the scenario's fault plan, runs the plan's phases before the race, and
 * registers the racing actors (so a kill can reach an actor whose thread has not started, and a
 * lone early actor is not taken for a deadlock). Each JCStress thread runs its racing actors
 * ({@link #thread}); the arbiter ({@link #outcome}) lets spawned work finish, runs the phases
 * after the race (quiescence last), the quiescence checks, and names the most severe finding:
 * {@code ok} or a property word ({@code use-after-free}, {@code fence}...).
 *
 * <p>An exception that escaped model code is a bug in the model or the harness, not an outcome:
 * the arbiter throws it, so JCStress reports the test as an error instead of counting a word.
 */
public final class ScenarioState {
    /**
     * A wait longer than this is a hang. Real hangs are found sooner (a deadlock when every actor
     * is blocked, a driver's 10 s timeout as a stall after 10 ms); what this bounds is a wait on an
     * actor that is runnable but not running, and on two loaded cores a kworker was measured to
     * wait for a CPU longer than 200 ms (a false "hang" on a fixed variant).
     */
    static final Duration HANG_TIMEOUT = Duration.ofSeconds(1);

    private static final Subjects SUBJECTS = Subjects.load();
    /** Per family and scenario: the fault plan and the racing actors' indices per JCStress thread. */
    private static final Map<String, Shape> SHAPES = new ConcurrentHashMap<>();

    private record Shape(FaultPlan faults, List<List<String>> threads) {
    }

    private final Kernel k;
    private final Plan plan;
    private final List<Actor> racing = new ArrayList<>();
    private final List<List<Integer>> threads;

    private ScenarioState(Family<?> family, String variant, String scenario) {
        Shape shape = SHAPES.computeIfAbsent(family.id() + "/" + scenario, key -> shape(family, scenario));
        this.k = ExternalThreads.jcstress(0, HANG_TIMEOUT, shape.faults());
        this.plan = family.plan(variant, scenario, k);
        List<String> names = plan.racing().stream().map(ActorSpec::name).toList();
        this.threads = shape.threads().stream().map(t -> t.stream().map(names::indexOf).toList()).toList();
        for (List<ActorSpec> phase : plan.beforeRace()) {
            runPhase(phase);
        }
        for (ActorSpec a : plan.racing()) {
            racing.add(k.newActor(a.name()));
        }
    }

    /** A fresh machine for {@code variant} (a {@code family.variant} id), set up for {@code scenario}'s race. */
    public static ScenarioState of(String variant, String scenario) {
        return new ScenarioState(SUBJECTS.find(variant).family(), variant, scenario);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Shape shape(Family family, String scenario) {
        Scenario s = family.scenario(scenario);
        return new Shape(FaultSpec.parse(family.jcstressFaults(s)), JcstressSources.threads(family, s));
    }

    /** JCStress thread {@code i}: its racing actors, in order. */
    public void thread(int i) {
        for (int a : threads.get(i)) {
            run(racing.get(a), plan.racing().get(a).body());
        }
    }

    /** Settles, runs the phases after the race and the quiescence checks; the outcome word. */
    public String outcome() {
        ExternalThreads.settle(k);
        for (List<ActorSpec> phase : plan.afterRace()) {
            runPhase(phase);
        }
        k.checkQuiescence();
        if (!k.errors().isEmpty()) {
            throw new IllegalStateException("model error: " + k.errors().get(0), k.errors().get(0));
        }
        return ExternalThreads.outcome(k);
    }

    /** A phase's actors one after the other on this thread, then whatever they spawned. */
    private void runPhase(List<ActorSpec> phase) {
        for (ActorSpec a : phase) {
            run(k.newActor(a.name()), a.body());
        }
        ExternalThreads.settle(k);
    }

    /** Runs an actor's body on this thread; a hang or an oops ends it, the finding stays in the kernel. */
    private void run(Actor a, Runnable body) {
        Actor previous = a.bind();
        try {
            body.run();
        } catch (HangAbort | Oops ended) {
            // the run was found hung, or the actor oopsed: its operation ends here
        } catch (RuntimeException | Error e) {
            k.error(a, e);
        } finally {
            a.finish();
            Actor.restore(previous);
        }
    }
}
