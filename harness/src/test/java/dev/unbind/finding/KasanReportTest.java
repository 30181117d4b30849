package dev.unbind.finding;

import dev.unbind.canary.PlantedDriver;
import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.Runs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The KASAN-style rendering of a planted use-after-free, compared with a golden file: the header
 * naming the accessing and the freeing function, the access, allocation and free sites with their
 * actors and functions, and the witness steps.
 */
class KasanReportTest {
    private static final Point PROBE = Point.step("golden.probe.alloc-priv");
    private static final Point IOCTL = Point.step("golden.ioctl.enter");
    private static final Point IN_IOCTL = Point.step("golden.ioctl.inside-handler");
    private static final Point REMOVE = Point.step("golden.remove.begin");
    private static final Point DEVRES = Point.step("golden.remove.devres-release");

    @Test
    void plantedUseAfterFree_rendersLikeTheGoldenFile() throws IOException {
        Kernel k = Runs.controlled("probe", "ioctl until golden.ioctl.inside-handler", "remover", "ioctl");
        PlantedDriver driver = new PlantedDriver(k);
        Cell[] priv = new Cell[1];
        k.run(List.of(
                List.of(ActorSpec.of("probe", () -> {
                    k.at(PROBE);
                    priv[0] = driver.probe("devm_kzalloc(cros_ec_dev)");
                })),
                List.of(
                        ActorSpec.of("ioctl", () -> {
                            k.at(IOCTL);
                            driver.ioctl(priv[0], "cros_ec_cmd_xfer(priv->ec_dev)", IN_IOCTL);
                        }),
                        ActorSpec.of("remover", () -> {
                            k.at(REMOVE);
                            k.at(DEVRES);
                            driver.remove(priv[0], "devres_release_all: kfree(cros_ec_dev)");
                        }))));
        List<Finding> f = k.findingList();
        assertEquals(1, f.size(), f.toString());
        String report = KasanReport.render(f.get(0), "golden.subject / in-flight ioctl vs remove");
        assertEquals(golden("golden/uaf-kasan.txt"), report);
    }

    private static String golden(String path) throws IOException {
        try (InputStream in = KasanReportTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, "missing golden file " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
