package dev.unbind.engine.jcstress;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which tests a selection runs, and the count check that catches a JCStress run that ran fewer. */
class CasePlanTest {
    private static final String PKG = "dev.unbind.jcstress.drm.";

    private static Map<String, String> jar() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PKG + "IoctlVsRemove.UnregisterOnly", "drm.unregister-only | ioctl vs remove");
        m.put(PKG + "IoctlVsRemove.Quiesced", "drm.quiesced | ioctl vs remove");
        m.put(PKG + "CloseVsRemove.Quiesced", "drm.quiesced | close vs remove");
        m.put(PKG + "IoctlVsRemove.QuiescedToo", "drm.quiesced-too | ioctl vs remove");
        m.put(PKG + "Stray", "a test someone forgot to label");
        return m;
    }

    @Test
    void selection_takesEveryTestOfEachSelectedVariant_andNothingElse() {
        CasePlan p = CasePlan.of(jar(), List.of("drm.quiesced"));
        assertEquals(List.of(PKG + "CloseVsRemove.Quiesced", PKG + "IoctlVsRemove.Quiesced"),
                p.all().stream().map(JcstressCase::name).toList());
        assertEquals(2, p.size());
    }

    @Test
    void variantOfATestedFamilyWithoutTests_isUntested_otherFamiliesAreNotCovered() {
        CasePlan p = CasePlan.of(jar(), List.of("drm.unplug-enter-exit", "misc.rwsem-fix", "drm.unregister-only"));
        assertEquals(List.of("drm.unplug-enter-exit"), p.untested());
        assertEquals(List.of("misc.rwsem-fix"), p.notCovered());
        assertEquals(List.of("drm.unregister-only"), List.copyOf(p.tests().keySet()));
    }

    @Test
    void testsWithoutAVariantPrefix_areListedAsUnmapped() {
        assertEquals(List.of(PKG + "Stray"), CasePlan.of(jar(), List.of("drm.quiesced")).unmapped());
    }

    @Test
    void regex_matchesExactlyTheSelectedNames_notLongerOnesOrSiblings() {
        CasePlan p = CasePlan.of(jar(), List.of("drm.quiesced"));
        Pattern re = Pattern.compile(CasePlan.regex(p.all()));
        assertTrue(re.matcher(PKG + "IoctlVsRemove.Quiesced").find());
        assertTrue(re.matcher(PKG + "CloseVsRemove.Quiesced").find());
        assertFalse(re.matcher(PKG + "IoctlVsRemove.QuiescedToo").find());
        assertFalse(re.matcher(PKG + "IoctlVsRemove.UnregisterOnly").find());
        assertFalse(re.matcher("dev-unbind-jcstress-drm-IoctlVsRemove-Quiesced").find(), "dots are literal");
    }

    @Test
    void missing_namesTheSelectedTestsWithoutResults() {
        List<JcstressCase> selected = CasePlan.of(jar(), List.of("drm.quiesced")).all();
        assertEquals(List.of(), CasePlan.missing(selected, List.of(PKG + "IoctlVsRemove.Quiesced", PKG + "CloseVsRemove.Quiesced")));
        assertEquals(List.of(PKG + "CloseVsRemove.Quiesced"),
                CasePlan.missing(selected, List.of(PKG + "IoctlVsRemove.Quiesced", PKG + "Stray")).stream()
                        .map(JcstressCase::name).toList());
        assertEquals(2, CasePlan.missing(selected, List.of()).size());
    }
}
