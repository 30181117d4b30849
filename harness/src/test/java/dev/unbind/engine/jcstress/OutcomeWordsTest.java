package dev.unbind.engine.jcstress;

import dev.unbind.finding.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Optional;

import static dev.unbind.engine.jcstress.OutcomeWords.Meaning.BENIGN;
import static dev.unbind.engine.jcstress.OutcomeWords.Meaning.FINDING;
import static dev.unbind.engine.jcstress.OutcomeWords.Meaning.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Outcome words: a property word is a finding of that kind, ok is benign, anything else depends on its grade. */
class OutcomeWordsTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyPropertyWord_namesItsKind_andIsAFindingWhateverItsGrade(Kind k) {
        assertEquals(Optional.of(k), OutcomeWords.kind(k.word()));
        assertEquals(FINDING, OutcomeWords.meaning(k.word(), "ACCEPTABLE"));
        assertEquals(FINDING, OutcomeWords.meaning(k.word(), "ACCEPTABLE_INTERESTING"));
        assertEquals(FINDING, OutcomeWords.meaning(k.word(), "FORBIDDEN"));
    }

    @Test
    void ok_isBenign_andNamesNoKind() {
        assertEquals(Optional.empty(), OutcomeWords.kind("ok"));
        assertEquals(BENIGN, OutcomeWords.meaning("ok", "ACCEPTABLE"));
        assertEquals(BENIGN, OutcomeWords.meaning("ok", "UNKNOWN"));
    }

    @Test
    void otherWord_isBenignOnlyWhenGradedAcceptable() {
        assertEquals(BENIGN, OutcomeWords.meaning("enodev", "ACCEPTABLE"));
        assertEquals(UNKNOWN, OutcomeWords.meaning("enodev", "ACCEPTABLE_INTERESTING"));
        assertEquals(UNKNOWN, OutcomeWords.meaning("enodev", "FORBIDDEN"));
        assertEquals(UNKNOWN, OutcomeWords.meaning("uaf", "UNKNOWN"));
    }

    @Test
    void kindWordsAreExact_notPrefixesOrCaseVariants() {
        assertEquals(Optional.empty(), OutcomeWords.kind("use-after-free2"));
        assertEquals(Optional.empty(), OutcomeWords.kind("UAF"));
        assertEquals(Optional.empty(), OutcomeWords.kind("Hang"));
    }
}
