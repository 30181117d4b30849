package dev.unbind.engine.jcstress;

import dev.unbind.subject.Subjects;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which tests a selection runs: the family says (one generated test per JCStress scenario and
 * variant), the jar must hold them; and the count check that catches a JCStress run that ran fewer.
 */
class CasePlanTest {
    private static final String PKG = "dev.unbind.jcstress.tiny.";
    private static final Subjects TINY = Subjects.of(List.of(TinyFamily.FAMILY));

    private static List<String> jar() {
        return List.of(PKG + "IoctlVsRemove.Racy", PKG + "IoctlVsRemove.Fixed", PKG + "CloseVsRemove.Fixed",
                PKG + "IoctlVsRemove.FixedToo", PKG + "Stray.Fixed");
    }

    @Test
    void casesOfAVariant_areItsFamilysJcstressScenarios_namedByTheGenerator() {
        assertEquals(List.of(new JcstressCase(PKG + "IoctlVsRemove.Fixed", "tiny.fixed", "ioctl-vs-remove"),
                        new JcstressCase(PKG + "CloseVsRemove.Fixed", "tiny.fixed", "close-vs-remove")),
                JcstressCase.of(TinyFamily.FAMILY, "tiny.fixed"));
        assertEquals(PKG + "OpenDuringFailingRegister.SyncSketchIsSyncUninverted",
                JcstressNames.test("tiny", "open-during-failing-register", "cdev.sync-sketch-is-sync-uninverted"));
        assertEquals("oldFd", JcstressNames.methodName("old-fd"));
    }

    @Test
    void selection_takesEveryTestOfEachSelectedVariant_andNothingElse() {
        CasePlan p = CasePlan.of(jar(), TINY.select(List.of("tiny.fixed")));
        assertEquals(List.of(PKG + "CloseVsRemove.Fixed", PKG + "IoctlVsRemove.Fixed"),
                p.all().stream().map(JcstressCase::name).toList());
        assertEquals(2, p.size());
    }

    @Test
    void aTestTheFamilyDeclaresButTheJarLacks_isAbsent() {
        CasePlan p = CasePlan.of(jar(), TINY.select(List.of("tiny.racy")));
        assertEquals(List.of(PKG + "CloseVsRemove.Racy"), p.absent().stream().map(JcstressCase::name).toList());
        assertEquals(List.of(PKG + "IoctlVsRemove.Racy"), p.all().stream().map(JcstressCase::name).toList());
    }

    @Test
    void testsNoScenarioDeclares_areListedAsUnmapped() {
        assertEquals(List.of(PKG + "Stray.Fixed"), CasePlan.of(jar(), TINY.select(List.of("tiny.fixed"))).unmapped());
    }

    @Test
    void regex_matchesExactlyTheSelectedNames_notLongerOnesOrSiblings() {
        CasePlan p = CasePlan.of(jar(), TINY.select(List.of("tiny.fixed")));
        Pattern re = Pattern.compile(CasePlan.regex(p.all()));
        assertTrue(re.matcher(PKG + "IoctlVsRemove.Fixed").find());
        assertTrue(re.matcher(PKG + "CloseVsRemove.Fixed").find());
        assertFalse(re.matcher(PKG + "IoctlVsRemove.FixedToo").find());
        assertFalse(re.matcher(PKG + "IoctlVsRemove.Racy").find());
        assertFalse(re.matcher("dev-unbind-jcstress-tiny-IoctlVsRemove-Fixed").find(), "dots are literal");
    }

    @Test
    void missing_namesTheSelectedTestsWithoutResults() {
        List<JcstressCase> selected = CasePlan.of(jar(), TINY.select(List.of("tiny.fixed"))).all();
        assertEquals(List.of(), CasePlan.missing(selected, List.of(PKG + "IoctlVsRemove.Fixed", PKG + "CloseVsRemove.Fixed")));
        assertEquals(List.of(PKG + "CloseVsRemove.Fixed"),
                CasePlan.missing(selected, List.of(PKG + "IoctlVsRemove.Fixed", PKG + "Stray.Fixed")).stream()
                        .map(JcstressCase::name).toList());
        assertEquals(2, CasePlan.missing(selected, List.of()).size());
    }
}
