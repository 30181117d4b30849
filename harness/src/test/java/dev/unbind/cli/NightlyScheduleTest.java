package dev.unbind.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** How nightly shares its budget, its explorer and cost time, and rotates the engines' order. */
class NightlyScheduleTest {
    @Test
    void eachVariantGetsAnEqualPartOfWhatIsLeft() {
        assertEquals(1_000 + 300, NightlyCommand.fairSlice(1_000, 1_900, 3));
        assertEquals(1_000 + 900, NightlyCommand.fairSlice(1_000, 1_900, 1), "the last variant gets all that is left");
    }

    @Test
    void timeAVariantLeavesUnusedGoesToTheOnesAfterIt() {
        long until = 10_000;
        long first = NightlyCommand.fairSlice(0, until, 4);     // 2,500
        long finishedEarlyAt = 500;
        assertEquals(2_500, first);
        assertEquals(finishedEarlyAt + 3_166, NightlyCommand.fairSlice(finishedEarlyAt, until, 3));
    }

    @Test
    void pastTheExplorersTimeAVariantGetsNone() {
        assertEquals(5_000, NightlyCommand.fairSlice(5_000, 4_000, 2));
    }

    @Test
    void theRotationStartsAtTheOffsetModuloTheSize() {
        assertEquals(List.of("c", "a", "b"), NightlyCommand.rotated(List.of("a", "b", "c"), 5));
        assertEquals(List.of("a", "b", "c"), NightlyCommand.rotated(List.of("a", "b", "c"), 0));
        assertEquals(List.of(), NightlyCommand.rotated(List.<String>of(), 3));
    }

    @Test
    void withTheDefaultEngines_eachGetsItsWeightOverTheWeightsStillToRun() {
        EnumSet<NightlyEngine> all = EnumSet.complementOf(EnumSet.of(NightlyEngine.MUTATE));
        assertEquals(0.05 / 1.05, NightlyEngine.COST.shareOfWhatIsLeft(all), 1e-9);
        assertEquals(0.35, NightlyEngine.EXPLORER.shareOfWhatIsLeft(all), 1e-9);
        assertEquals(0.15 / 0.65, NightlyEngine.LINCHECK.shareOfWhatIsLeft(all), 1e-9);
        assertEquals(0.30 / 0.50, NightlyEngine.JCSTRESS.shareOfWhatIsLeft(all), 1e-9);
        assertEquals(1.0, NightlyEngine.STRESS.shareOfWhatIsLeft(all), 1e-9, "the last engine takes the rest");
    }

    @Test
    void theCostEngine_givesEachVariantAnEqualPart_betweenATenthOfASecondAndTwoSeconds() {
        assertEquals(Duration.ofMillis(300), NightlyCommand.costPerVariant(9_000_000_000L, 30));
        assertEquals(Duration.ofMillis(100), NightlyCommand.costPerVariant(1_000_000_000L, 27), "too little time: the floor");
        assertEquals(Duration.ofSeconds(2), NightlyCommand.costPerVariant(600_000_000_000L, 27), "more than it needs: the cap");
    }

    @Test
    void mutationTesting_runsOnlyWhenAskedFor_andThenHasItsShare() {
        String defaults = new picocli.CommandLine(new NightlyCommand(null)).getCommandSpec().findOption("--engines").defaultValue();
        assertFalse(List.of(defaults.split(",")).contains("mutate"), defaults);
        assertEquals(0.30 / 0.95, NightlyEngine.MUTATE.shareOfWhatIsLeft(EnumSet.allOf(NightlyEngine.class)), 1e-9);
    }

    @Test
    void aSelectedEngineAlone_getsTheWholeBudget() {
        assertEquals(1.0, NightlyEngine.JCSTRESS.shareOfWhatIsLeft(EnumSet.of(NightlyEngine.JCSTRESS)), 1e-9);
        assertEquals(0.35 / 0.55, NightlyEngine.EXPLORER.shareOfWhatIsLeft(EnumSet.of(NightlyEngine.EXPLORER, NightlyEngine.STRESS)),
                1e-9, "Lincheck and JCStress are not selected: their weight is not kept for them");
    }
}
