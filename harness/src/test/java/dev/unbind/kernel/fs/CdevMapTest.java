package dev.unbind.kernel.fs;

import dev.unbind.finding.Finding;
import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Runs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CdevMapTest {
    @Test
    void lookupRacingCdevDel_neverTakesAReferenceOnAReleasedCdev_onRealThreads() {
        // kobj_lookup takes its cdev reference under the map lock that cdev_del's unmap takes: a
        // lookup either misses the cdev or holds it before cdev_del drops the initial reference.
        Kernel k = Runs.threads();
        CdevMap map = new CdevMap(k);
        int n = 3_000;
        List<Cdev> cdevs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Cdev c = Cdev.alloc(k, "c" + i, new FileOperations("fops", null));
            map.registerChrdev(c, Inode.mkdev(240, i), 1);
            cdevs.add(c);
        }
        List<Finding> f = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Runs.run(k, List.of(
                ActorSpec.of("opener", () -> {
                    for (int i = 0; i < n && k.findingList().isEmpty(); i++) {
                        Cdev found;
                        while ((found = map.lookup(Inode.mkdev(240, i))) != null) {
                            found.put();
                        }
                    }
                }),
                ActorSpec.of("deleter", () -> cdevs.forEach(map::del)))));
        assertEquals(List.of(), f.stream().map(Finding::summary).toList());
    }
}
