package dev.unbind.subjects;

import dev.unbind.engine.cost.ReadSideEngine;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;
import dev.unbind.result.RunRecord;
import dev.unbind.subject.Defect;
import dev.unbind.subject.Family;
import dev.unbind.subject.ReadSide;
import dev.unbind.subject.ReadSideCall;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;
import dev.unbind.subjects.drm.Drm;
import dev.unbind.subjects.drm.DrmFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every variant's read side is a call that can be repeated millions of times: it succeeds, finds
 * nothing and keeps no memory; the cost engine journals one figure per variant, and refuses a
 * read side that breaks those rules (planted below) with an error instead of a figure.
 */
class ReadSideTest {
    private static final Subjects SUBJECTS = Subjects.load();

    /**
     * The cdev_sync sketch as posted wraps open only, and open is what its defects break: the
     * ioctl answers -ENOTTY, or open itself oopses. Their read side has no figure.
     */
    private static final Set<String> CALL_BREAKS = Set.of("cdev.sync-sketch-as-posted",
            "cdev.sync-sketch-is-sync-uninverted", "cdev.sync-sketch-init-completed", "cdev.sync-sketch-self-call-fixed");

    static List<String> variants() {
        return SUBJECTS.families().stream().flatMap(f -> f.variants().stream()).map(Variant::id).toList();
    }

    static List<String> measurable() {
        return variants().stream().filter(v -> !CALL_BREAKS.contains(v)).toList();
    }

    @ParameterizedTest
    @MethodSource("measurable")
    void theReadSideCall_findsNothing_andKeepsNoMemory_overAThousandCalls(String variant) {
        ReadSideCall call = new ReadSideCall(SUBJECTS.select(List.of(variant)).get(0).family(), variant);
        for (int i = 0; i < 1_000; i++) {
            call.run();
        }
        assertNull(call.broken(), variant);
        assertEquals(0, call.keptCells(), variant + ": the read side keeps memory");
    }

    @Test
    void theCostEngine_journalsOneFigurePerVariant() {
        CollectingSink sink = new CollectingSink();
        List<Subjects.Selected> drm = SUBJECTS.select(List.of("drm.*"));
        int measured = new ReadSideEngine(new ReadSideEngine.Options(Duration.ofMillis(50)), sink).run(drm);
        assertEquals(3, measured);
        assertEquals(drm.stream().map(Subjects.Selected::id).toList(), sink.runs.stream().map(RunRecord::variant).toList());
        for (RunRecord r : sink.runs) {
            assertEquals(ReadSideEngine.ENGINE, r.engine());
            assertEquals("ok", r.status(), r::note);
            assertNotNull(r.readSide(), r::toString);
            assertEquals("ioctl(GET_PARAM)", r.readSide().call());
            assertEquals(r.runs(), r.readSide().calls());
            assertTrue(r.readSide().minNs() <= r.readSide().medianNs() && r.readSide().medianNs() <= r.readSide().maxNs(),
                    r::toString);
        }
    }

    @Test
    void whereTheCallBreaksOnItsVariant_theCostEngineSkipsIt_andSaysWhy() {
        CollectingSink sink = new CollectingSink();
        List<Subjects.Selected> cdev = SUBJECTS.select(List.of("cdev.*"));
        int measured = new ReadSideEngine(new ReadSideEngine.Options(Duration.ofMillis(20)), sink).run(cdev);
        assertEquals(cdev.size() - CALL_BREAKS.size(), measured);
        for (RunRecord r : sink.runs) {
            if (CALL_BREAKS.contains(r.variant())) {
                assertEquals("skipped", r.status(), r::toString);
                assertNull(r.readSide());
                assertTrue(r.note().startsWith("no figure: the call"), r::note);
            } else {
                assertEquals("ok", r.status(), r::toString);
            }
        }
        assertTrue(sink.runs.stream().anyMatch(r -> r.note().contains("-ENOTTY")), () -> sink.runs.toString());
    }

    @Test
    void aReadSideThatKeepsMemory_isAnError_notAFigure() {
        RunRecord r = measure((k, m) -> () -> k.memory().alloc("leaky", "kzalloc(leaky)"));
        assertEquals("error", r.status());
        assertNull(r.readSide());
        assertTrue(r.note().startsWith("the read side is not repeatable: every call keeps memory"), r::note);
    }

    @Test
    void aReadSideThatBreaksAPropertyOnAFixedVariant_isAnError_notAFigure() {
        RunRecord r = measure((k, m) -> {
            Cell freed = k.memory().alloc("victim", "kzalloc(victim)");
            k.memory().free(freed, "kfree(victim)");
            return () -> freed.touch("read victim");
        });
        assertEquals("error", r.status());
        assertNull(r.readSide());
        assertTrue(r.note().startsWith("no figure: the call breaks a property: use-after-free"), r::note);
    }

    /** The cost engine over drm.quiesced, with its read side replaced by {@code planted}. */
    private static RunRecord measure(BiFunction<Kernel, Drm, Runnable> planted) {
        CollectingSink sink = new CollectingSink();
        Family<Drm> family = new Planted(new DrmFamily(), ReadSide.of("planted", planted));
        new ReadSideEngine(new ReadSideEngine.Options(Duration.ofMillis(20)), sink)
                .run(Subjects.of(List.of(family)).select(List.of("drm.quiesced")));
        assertEquals(1, sink.runs.size());
        return sink.runs.get(0);
    }

    /** A family as it is, but for its read side. */
    private record Planted(DrmFamily real, ReadSide<Drm> readSide) implements Family<Drm> {
        @Override
        public String id() {
            return real.id();
        }

        @Override
        public String title() {
            return real.title();
        }

        @Override
        public String summary() {
            return real.summary();
        }

        @Override
        public java.util.Set<String> teardownOps() {
            return real.teardownOps();
        }

        @Override
        public List<Variant<Drm>> variants() {
            return real.variants();
        }

        @Override
        public List<Scenario<Drm>> scenarios() {
            return real.scenarios();
        }

        @Override
        public List<Defect> defects() {
            return real.defects();
        }

        @Override
        public List<Point> points() {
            return real.points();
        }
    }
}
