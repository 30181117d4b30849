package dev.unbind.lincheck.misc;

import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckChecks;
import dev.unbind.engine.lincheck.LincheckFailureReport;
import dev.unbind.result.Catalogue;
import dev.unbind.subject.Subjects;
import dev.unbind.subjects.misc.MiscFamily;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.unbind.lincheck.Verdicts.failure;
import static dev.unbind.lincheck.Verdicts.head;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * misc.sync-register-srcu (misc_sync_register of the misc_uaf branch): a read waiting for an
 * MKBP event keeps deregister's grace period from ending, which Lincheck reports as a hang
 * attributed to the catalogued defect.
 */
class SyncRegisterSrcuLincheckTest {
    @Test
    void blockedReaderVsRemove_deregisterWaitsForeverForTheSleeper_sleepingReadBlocksRemove() {
        LincheckCheck c = LincheckChecks.find(new MiscFamily(), "misc.sync-register-srcu", "blocked-reader-vs-remove");
        String m = failure(c);
        assertTrue(m.contains("= The execution has hung ="), () -> "expected Lincheck's hang report:\n" + head(m));
        Catalogue catalogue = Catalogue.of(Subjects.of(List.of(new MiscFamily())));
        LincheckFailureReport r = LincheckFailureReport.read(m, c.variant(), c.name(), catalogue);
        assertEquals("misc.sync-register-srcu.sleeping-read-blocks-remove", r.defectOf(r.findings().get(0)).id(), () -> head(m));
    }
}
