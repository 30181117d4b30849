package dev.unbind.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultSpecTest {

    @Test
    void everyRuleKind_roundTripsThroughItsSpec() {
        String spec = "fail:drm.probe.*:nth=2;fail:*.kzalloc*:p=0.25,interval=3,times=4,actor=probe;"
                + "delay:drm.ioctl.after-unplugged-check:park=200us;delay:x.y:spin=500,p=0.5;"
                + "event:drm.commit.tail:unbind,times=1;event:a.b:signal=reader;event:c.d:unload=helper;event:e.f:hw-gone";
        FaultPlan plan = FaultSpec.parse(spec);
        assertEquals(8, plan.rules().size());
        assertEquals(plan, FaultSpec.parse(plan.spec()));
        FaultRule.Delay d = (FaultRule.Delay) plan.rules().get(2);
        assertEquals(DelayKind.PARK, d.kind());
        assertEquals(200_000, d.amount());
        FaultRule.Event e = (FaultRule.Event) plan.rules().get(5);
        assertEquals(EventKind.SIGNAL, e.kind());
        assertEquals("reader", e.target());
    }

    @Test
    void emptySpec_isNoFaults() {
        assertTrue(FaultSpec.parse("").isEmpty());
        assertTrue(FaultSpec.parse("  ").isEmpty());
    }

    @Test
    void globs_matchPointNames() {
        assertTrue(new PointGlob("drm.probe.*").matches("drm.probe.kzalloc-container"));
        assertFalse(new PointGlob("drm.probe.*").matches("drm.remove.unplug"));
        assertTrue(new PointGlob("*.kzalloc?").matches("misc.open.kzalloc1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "explode:drm.x                     | unknown action 'explode'",
            "fail                              | expected action:point-glob",
            "fail:drm.x:p=1.5                  | 'p=1.5': p must be between 0 and 1",
            "fail:drm.x:p=lots                 | 'p=lots': p must be a number",
            "fail:drm.x:nth=0                  | 'nth=0': must be 1 or more",
            "fail:drm.x:colour=red             | unknown option 'colour'",
            "fail:drm.x:times                  | 'times' is not key=value",
            "delay:drm.x:park=soon             | 'park=soon': 'soon' is not a duration",
            "delay:drm.x:p=0.5                 | a delay rule needs spin=<n>, yield=<n> or park=<duration>",
            "event:drm.x:explode               | unknown event 'explode'",
            "event:drm.x:unbind=now            | 'unbind=now': unbind takes no target",
            "event:drm.x                       | an event rule needs one of unbind",
            "fail:drm.x;delay:drm.y:spin=-3    | rule 2 ('delay:drm.y:spin=-3')",
    })
    void malformedSpec_givesOneMessageNamingTheBadPart(String spec, String expected) {
        FaultSpecException e = assertThrows(FaultSpecException.class, () -> FaultSpec.parse(spec.strip()));
        assertTrue(e.getMessage().contains(expected.strip()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("fault spec rule "), e.getMessage());
    }
}
