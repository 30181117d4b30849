package dev.unbind.lincheck;

import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckChecks;
import dev.unbind.subject.Subjects;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/**
 * The Lincheck checks the families derive that assert what the catalogue claims, read as the
 * nightly engine reads them: every check of a variant that keeps every property (its pinned
 * scenarios and its random exploration) passes, and a defective variant's pinned scenario in
 * which the catalogue lists a defect of it fails naming one. The rest run in the nightly only: a
 * defective variant's pinned scenarios with no defect of it catalogued there (they may pass), and
 * its random exploration (it asserts nothing; what it finds is journaled). Display names
 * {@code family.variant/scenario}.
 */
class DerivedChecksTest {
    @TestFactory
    Stream<DynamicTest> everyDerivedCheck_showsWhatTheCatalogueSays() {
        return Subjects.load().families().stream()
                .flatMap(f -> LincheckChecks.of(f).stream()).filter(c -> c.must() != LincheckCheck.Must.EITHER)
                .map(c -> DynamicTest.dynamicTest(c.displayName(), () -> Verdicts.assertAsExpected(c)));
    }
}
