package dev.unbind.engine.mutate;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.mutate.fixture.ToyFamily;
import dev.unbind.result.MutationResults.MutantResult;
import dev.unbind.result.MutationResults.Status;
import dev.unbind.result.MutationResults.VariantMutation;
import dev.unbind.result.ResultSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutation testing of the toy fix ({@link ToyFamily}): its own code is found without being
 * named, every operator that applies makes its mutant, the explorer kills the three that break
 * the fix, and the planted equivalent is recognised from the family's data, with its reason.
 */
class MutationEngineTest {
    private static final ToyFamily TOY = new ToyFamily();
    private static VariantMutation fixed;

    @BeforeAll
    static void mutateTheToyFix() {
        MutationEngine engine = new MutationEngine(MutationEngine.Options.of(ExploreOptions.defaults(), Duration.ofSeconds(30), 1),
                ResultSink.NONE, null, line -> { });
        fixed = engine.mutate(TOY, TOY.variant("toy.fixed"));
    }

    @Test
    void mutatesTheFixNotTheCore() {
        assertEquals(List.of("ToySubject$Fixed"), fixed.ownClasses());
        assertTrue(fixed.coreClasses().contains("ToyDriver"), fixed.coreClasses().toString());
        assertTrue(fixed.baseline().clean() && fixed.baseline().complete(), fixed.baseline().note());
    }

    @Test
    void killsWhatBreaksTheFixAndRecognisesThePlantedEquivalent() {
        Map<String, MutantResult> byKey = fixed.mutants().stream().collect(Collectors.toMap(MutantResult::key, m -> m));
        assertEquals(List.of(
                "drop-check ToySubject$Fixed.read ToySubject$Fixed.dead#1",
                "store-after-drain ToySubject$Fixed.remove ToySubject$Fixed.dead#1",
                "remove-wake ToySubject$Fixed.remove WaitQueue.wakeUp#1",
                "remove-drain ToySubject$Fixed.remove Srcu.synchronize#1"),
                fixed.mutants().stream().map(MutantResult::key).toList());
        for (String killed : List.of("drop-check ToySubject$Fixed.read ToySubject$Fixed.dead#1",
                "store-after-drain ToySubject$Fixed.remove ToySubject$Fixed.dead#1",
                "remove-drain ToySubject$Fixed.remove Srcu.synchronize#1")) {
            MutantResult m = byKey.get(killed);
            assertEquals(Status.KILLED, m.status(), killed + ": " + m.reason());
            assertEquals("UAF", m.oracle(), killed);
            assertEquals("read-vs-remove", m.scenario(), killed);
            assertTrue(m.reached(), killed);
        }
        MutantResult wake = byKey.get("remove-wake ToySubject$Fixed.remove WaitQueue.wakeUp#1");
        assertEquals(Status.EQUIVALENT, wake.status());
        assertEquals("no actor of any scenario ever waits on toy_events, so the wake-up wakes nobody", wake.reason());
        assertEquals("events.wakeUp(); // nothing ever sleeps on events: the planted equivalent mutant", wake.source());
        assertEquals(1.0, fixed.counts().killRate());
    }

    @Test
    void refusesAVariantThatShowsItsDefects() {
        MutationEngine engine = new MutationEngine(MutationEngine.Options.of(ExploreOptions.defaults(), Duration.ofSeconds(1), 1),
                ResultSink.NONE, null, line -> { });
        assertThrows(IllegalArgumentException.class, () -> engine.mutate(TOY, TOY.variant("toy.racy")));
    }
}
