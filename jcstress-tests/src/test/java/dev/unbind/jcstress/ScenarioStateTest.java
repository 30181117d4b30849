package dev.unbind.jcstress;

import dev.unbind.engine.jcstress.JcstressCase;
import dev.unbind.engine.jcstress.JcstressSources;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Family;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The generic state runs every generated test once, its JCStress threads on threads of their own
 * as JCStress would: the state builds, its threads and arbiter run without a model error, and a
 * variant that keeps every property comes out {@code ok} (it must in every interleaving).
 */
class ScenarioStateTest {
    @TestFactory
    Stream<DynamicTest> everyGeneratedTest_runsOnce() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Family<?> f : Subjects.load().families()) {
            for (Variant<?> v : f.variants()) {
                for (JcstressCase c : JcstressCase.of(f, v.id())) {
                    int threads = JcstressSources.threads(f, f.scenario(c.race())).size();
                    tests.add(DynamicTest.dynamicTest(v.id() + "/" + c.race(), () -> {
                        String word = once(v.id(), c.race(), threads);
                        assertNotNull(word);
                        if (v.expect() == Expectation.KEEPS_EVERY_PROPERTY) {
                            assertEquals("ok", word);
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    private static String once(String variant, String scenario, int threads) throws InterruptedException {
        ScenarioState s = ScenarioState.of(variant, scenario);
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int t = i;
            Thread thread = new Thread(() -> s.thread(t), "jcstress-actor-" + t);
            thread.start();
            running.add(thread);
        }
        for (Thread t : running) {
            t.join();
        }
        return s.outcome();
    }
}
