package dev.unbind.finding;

import dev.unbind.canary.PlantedCore;
import dev.unbind.canary.PlantedDriver;
import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Runs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "suspect model" label: a use-after-free whose every site lies in {@code @Core} code gets it;
 * the same race with the access in driver (variant) code does not. Both are forced schedules of
 * the controlled scheduler, so each holds every time.
 */
class SuspectModelTest {
    @Test
    void aFindingEntirelyInCoreCode_isLabelledSuspectModel() {
        Kernel k = Runs.controlled("setup", "user until planted.core.inside-access", "remover", "user");
        PlantedCore core = new PlantedCore(k);
        Cell[] c = new Cell[1];
        run(k, () -> c[0] = core.coreAlloc("core_obj"), () -> core.coreUse(c[0], "core: walk the list"), () -> core.coreFree(c[0]));
        Finding f = only(k);
        assertEquals(Kind.UAF, f.kind());
        assertTrue(f.suspectModel(), f.sites().toString());
        assertTrue(KasanReport.render(f).contains("Suspect model: the finding lies entirely in unchanged core code"));
        assertTrue(KasanReport.render(f).contains("use-after-free in PlantedCore.coreUse, freed in PlantedCore.coreFree"),
                KasanReport.render(f));
    }

    @Test
    void aFindingWithASiteInVariantCode_isNotSuspect() {
        Kernel k = Runs.controlled("setup", "user until planted.core.inside-access", "remover", "user");
        PlantedCore core = new PlantedCore(k);
        PlantedDriver driver = new PlantedDriver(k);
        Cell[] c = new Cell[1];
        run(k, () -> c[0] = core.coreAlloc("core_obj"), () -> driver.ioctl(c[0], "driver: read priv", PlantedCore.INSIDE),
                () -> core.coreFree(c[0]));
        Finding f = only(k);
        assertEquals(Kind.UAF, f.kind());
        assertFalse(f.suspectModel(), f.sites().toString());
        assertFalse(KasanReport.render(f).contains("Suspect model"));
        assertTrue(KasanReport.render(f).contains("use-after-free in PlantedDriver.ioctl, freed in PlantedCore.coreFree"),
                KasanReport.render(f));
    }

    private static void run(Kernel k, Runnable setup, Runnable user, Runnable remover) {
        k.run(List.of(List.of(ActorSpec.of("setup", setup)),
                List.of(ActorSpec.of("user", user), ActorSpec.of("remover", remover))));
    }

    private static Finding only(Kernel k) {
        List<Finding> found = k.findingList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }
}
