package dev.unbind.subject;

import dev.unbind.finding.Kind;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.sched.Kernels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An errno rule prints as the report shows it, and a result outside it is an ERRNO finding (and only then). */
class ErrnoRuleTest {
    private static final ErrnoRule READ = ErrnoRule.of("read after unregister", -Errno.EIO);

    @Test
    void printsItsCallAndWhatItAllows() {
        assertEquals("read after unregister: -EIO", READ.toString());
    }

    @Test
    void aResultOutsideTheRule_isAnErrnoFinding_oneInsideIsNot() {
        Kernel k = Kernels.onThreads();
        READ.check(k, -Errno.EIO);
        assertEquals(List.of(), k.findingList());
        READ.check(k, 0);
        assertEquals(List.of(Kind.ERRNO), k.findingList().stream().map(f -> f.kind()).toList());
    }
}
