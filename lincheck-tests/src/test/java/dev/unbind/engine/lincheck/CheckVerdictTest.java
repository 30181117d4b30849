package dev.unbind.engine.lincheck;

import dev.unbind.result.Catalogue;
import dev.unbind.subject.Subjects;
import dev.unbind.subjects.drm.DrmFamily;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a check's outcome reads against its expectation (no Lincheck run: the report is given). */
class CheckVerdictTest {
    private static final Catalogue CATALOGUE = Catalogue.of(Subjects.of(List.of(new DrmFamily())));
    private static final String UAF_LINE = "unbind finding [drm.unregister-only.unfiltered-ioctl] UAF: use-after-free: user "
            + "GET_PARAM: read a status register on mmio#1 freed by remover";
    private static final String FAILURE = "= Validation function validate has failed =\n#1: KernelFindings: " + UAF_LINE
            + "\nunbind finding [drm.unregister-only.devm-kms-objects] UAF: use-after-free: exit drm_mode_config_cleanup: "
            + "read drm_plane on drm_plane#1 freed by remover\n";

    private static LincheckCheck check(String expected) {
        return expected == null
                ? LincheckCheck.passing("drm.unregister-only", "ioctl-vs-remove", Object.class, ModelCheckingOptions::new)
                : LincheckCheck.finding("drm.unregister-only", "ioctl-vs-remove", Object.class, ModelCheckingOptions::new,
                        Set.of(expected));
    }

    private static LincheckFailureReport report(String message) {
        return LincheckFailureReport.read(message, "drm.unregister-only", "ioctl-vs-remove", CATALOGUE);
    }

    @Test
    void failureNamingTheExpectedDefect_isAsExpected_evenWhenNotFirst() {
        CheckVerdict v = CheckVerdict.failed(check("drm.unregister-only.devm-kms-objects"), report(FAILURE));
        assertEquals("ok", v.status());
        assertTrue(v.failed());
        assertFalse(v.unexpected());
        assertEquals("Validation function validate has failed: " + UAF_LINE, v.note());
    }

    @Test
    void failureNamingTheExpectedDefectAmongOthers_isAsExpected() {
        String both = FAILURE.replace("[drm.unregister-only.unfiltered-ioctl]",
                "[drm.unregister-only.unfiltered-ioctl|drm.unregister-only.register-failure-window]");
        CheckVerdict v = CheckVerdict.failed(check("drm.unregister-only.register-failure-window"), report(both));
        assertFalse(v.unexpected(), v::note);
    }

    @Test
    void failureOfACheckExpectedToPass_isUnexpected() {
        CheckVerdict v = CheckVerdict.failed(check(null), report(FAILURE));
        assertTrue(v.unexpected());
        assertEquals("UNEXPECTED: expected to pass, but Validation function validate has failed: " + UAF_LINE, v.note());
    }

    @Test
    void failureNamingAnotherDefect_isUnexpected() {
        CheckVerdict v = CheckVerdict.failed(check("drm.unregister-only.commit-work-unfenced"), report(FAILURE));
        assertTrue(v.unexpected());
        assertTrue(v.note().startsWith("UNEXPECTED: expected to find drm.unregister-only.commit-work-unfenced, but Validation"), v::note);
    }

    @Test
    void passOfACheckExpectingADefect_isUnexpected() {
        CheckVerdict v = CheckVerdict.passed(check("drm.unregister-only.unfiltered-ioctl"));
        assertTrue(v.unexpected());
        assertEquals("UNEXPECTED: passed, but expected to find drm.unregister-only.unfiltered-ioctl", v.note());
        CheckVerdict ok = CheckVerdict.passed(check(null));
        assertFalse(ok.unexpected());
        assertEquals("passed", ok.note());
    }

    @Test
    void aCheckThatMayPass_mayAlsoFailNamingAnAllowedDefect_butNotAnother() {
        LincheckCheck either = new LincheckCheck("drm.unregister-only", "close-vs-remove", Object.class,
                ModelCheckingOptions::new, LincheckCheck.Must.EITHER, Set.of("drm.unregister-only.devm-kms-objects"));
        assertFalse(CheckVerdict.passed(either).unexpected());
        assertFalse(CheckVerdict.failed(either, report(FAILURE)).unexpected());
        LincheckCheck other = new LincheckCheck("drm.unregister-only", "close-vs-remove", Object.class,
                ModelCheckingOptions::new, LincheckCheck.Must.EITHER, Set.of("drm.unregister-only.commit-work-unfenced"));
        assertTrue(CheckVerdict.failed(other, report(FAILURE)).unexpected());
    }

    @Test
    void timeout_isAnErrorOfTheRun_notAFinding() {
        CheckVerdict v = CheckVerdict.failed(check(null), report("= The execution has hung, see the thread dump =\n"));
        assertEquals("error", v.status());
        assertFalse(v.failed());
        assertFalse(v.unexpected());
    }
}
