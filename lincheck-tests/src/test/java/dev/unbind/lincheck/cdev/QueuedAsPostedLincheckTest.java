package dev.unbind.lincheck.cdev;

import org.junit.jupiter.api.Test;

import static dev.unbind.lincheck.Verdicts.assertFinds;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.QUEUED;
import static dev.unbind.lincheck.cdev.CdevLincheckSuite.check;

/** cdev.queued-as-posted (Dan Williams' queued mode): the fence lives in memory the files do not pin. */
class QueuedAsPostedLincheckTest {
    @Test
    void ioctlVsRemove_trygetReadsQactiveInTheFreedStruct_cdevMemoryNotTiedToFiles() {
        assertFinds(check(QUEUED, "ioctl-vs-remove"));
    }
}
