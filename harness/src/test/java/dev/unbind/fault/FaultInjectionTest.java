package dev.unbind.fault;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Firing;
import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.Runs;
import dev.unbind.sched.ControlledScheduler;
import dev.unbind.sched.RandomStrategy;
import dev.unbind.sched.ThreadScheduler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectionTest {
    private static final Point ALLOC = Point.fallible("test.kzalloc");
    private static final Point REGISTER = Point.fallible("test.register");
    private static final Point WINDOW = Point.window("test.window");
    private static final String PLAN = "fail:test.*:p=0.5;delay:test.window:yield=1,p=0.3";

    /** Three actors, each passing 20 fallible steps; returns each actor's decisions. */
    private static Map<String, List<Boolean>> decisions(Kernel k) {
        Map<String, List<Boolean>> out = Collections.synchronizedMap(new TreeMap<>());
        List<ActorSpec> actors = new ArrayList<>();
        for (String name : List.of("probe", "opener", "remover")) {
            actors.add(ActorSpec.of(name, () -> {
                List<Boolean> mine = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    mine.add(k.fails(ALLOC));
                    k.at(WINDOW);
                    mine.add(k.fails(REGISTER));
                }
                out.put(name, mine);
            }));
        }
        Runs.run(k, actors);
        return out;
    }

    private static Kernel controlled(long seed) {
        return Kernel.builder().seed(seed).faults(FaultSpec.parse(PLAN))
                .scheduler(new ControlledScheduler(new RandomStrategy(99, 0.5))).build();
    }

    private static Kernel threads(long seed) {
        return Kernel.builder().seed(seed).faults(FaultSpec.parse(PLAN)).scheduler(new ThreadScheduler()).build();
    }

    @Test
    void sameSeed_givesIdenticalDecisionsAndFiringLog_underTheControlledScheduler() {
        Kernel a = controlled(42);
        Kernel b = controlled(42);
        assertEquals(decisions(a), decisions(b));
        List<Firing> la = a.faults().firings();
        assertEquals(la, b.faults().firings());
        assertTrue(la.size() > 10, "the plan fired: " + la.size());
    }

    @Test
    void sameSeed_givesIdenticalDecisionsPerActor_onRealThreads() {
        Map<String, List<Boolean>> first = decisions(threads(42));
        for (int i = 0; i < 20; i++) {
            assertEquals(first, decisions(threads(42)), "run " + i);
        }
    }

    @Test
    void sameSeed_givesTheSameFiringLogOnRealThreads_whenOrderedByActorAndHit() {
        Kernel a = threads(7);
        Kernel b = threads(7);
        decisions(a);
        decisions(b);
        assertEquals(byActorAndHit(a.faults().firings()), byActorAndHit(b.faults().firings()));
    }

    private static List<String> byActorAndHit(List<Firing> log) {
        return log.stream().map(f -> f.actor() + "/" + f.point() + "/" + f.hit() + "/" + f.action()).sorted().toList();
    }

    @Test
    void differentSeeds_giveDifferentDecisions() {
        assertNotEquals(decisions(controlled(1)), decisions(controlled(2)));
    }

    @Test
    void failNth_failsExactlyTheNthFallibleStep_andNothingElse() {
        for (int n = 1; n <= 6; n++) {
            Kernel k = Kernels.onThreadsBuilder().faults(FaultPlan.failNth(n)).build();
            List<Boolean> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(k.fails(ALLOC));
                got.add(k.fails(REGISTER));
            }
            for (int i = 0; i < got.size(); i++) {
                assertEquals(i == n - 1, got.get(i), "fail-nth=" + n + " step " + (i + 1));
            }
            assertEquals(1, k.faults().firings().size());
        }
    }

    @Test
    void intervalAndTimes_followFaultAttr() {
        Kernel k = Kernels.onThreadsBuilder().faults(FaultSpec.parse("fail:test.kzalloc:interval=3,times=2")).build();
        List<Integer> failed = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            if (k.fails(ALLOC)) {
                failed.add(i);
            }
        }
        assertEquals(List.of(3, 6), failed);
    }

    @Test
    void actorFilter_onlyFailsTheNamedActors() {
        Kernel k = Kernels.onThreadsBuilder().faults(FaultSpec.parse("fail:test.*:actor=prob*")).build();
        Map<String, List<Boolean>> d = decisions(k);
        assertTrue(d.get("probe").stream().allMatch(x -> x));
        assertTrue(d.get("opener").stream().noneMatch(x -> x));
        assertTrue(d.get("remover").stream().noneMatch(x -> x));
    }

    @Test
    void unbindEvent_runsTheHandlerInANewActor_beforeTheHitterContinues() {
        Kernel k = Kernel.builder().faults(FaultSpec.parse("event:test.window:unbind,times=1"))
                .scheduler(new ControlledScheduler(dev.unbind.sched.Strategy.nonPreemptive())).build();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        k.onEvent(EventKind.UNBIND, target -> order.add("unbind by " + k.self().name()));
        Runs.run(k, List.of(ActorSpec.of("user", () -> {
            k.at(WINDOW);
            order.add("user continues");
        })));
        assertEquals(List.of("unbind by event:unbind", "user continues"), order);
    }

    @Test
    void signalEvent_signalsTheTargetActor() {
        Kernel k = Kernels.onThreadsBuilder().faults(FaultSpec.parse("event:test.window:signal")).build();
        k.at(WINDOW);
        assertTrue(k.self().fatalSignalPending());
    }
}
