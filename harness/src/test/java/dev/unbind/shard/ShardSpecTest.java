package dev.unbind.shard;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a process learns which shard it is: --shard, or a CI engine's environment. */
class ShardSpecTest {
    @Test
    void shardOption_isOneBased() {
        assertEquals(new ShardSpec(2, 4), ShardSpec.resolve("2/4", null, Map.of()));
    }

    @Test
    void aKubernetesIndexedJob_givesTheZeroBasedCompletionIndex() {
        assertEquals(new ShardSpec(1, 4), ShardSpec.resolve(null, 4, Map.of(ShardSpec.K8S_INDEX, "0")));
        assertEquals(new ShardSpec(4, 4), ShardSpec.resolve(null, 4, Map.of(ShardSpec.K8S_INDEX, "3")));
    }

    @Test
    void gitlabParallel_givesTheOneBasedNodeIndex_andTheCountMayComeFromTheEnvironment() {
        assertEquals(new ShardSpec(3, 5), ShardSpec.resolve(null, null,
                Map.of(ShardSpec.GITLAB_INDEX, "3", ShardSpec.COUNT_ENV, "5")));
    }

    @Test
    void noShardAnywhere_isTheWholeMatrix() {
        assertNull(ShardSpec.resolve(null, null, Map.of(ShardSpec.K8S_INDEX, "2")));
    }

    @Test
    void badShards_sayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShardSpec.parse("5/4")).getMessage()
                .contains("between 1 and the count"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShardSpec.parse("two")).getMessage()
                .contains("expected I/N"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShardSpec.resolve(null, 4, Map.of())).getMessage()
                .contains(ShardSpec.K8S_INDEX));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShardSpec.resolve(null, 4,
                Map.of(ShardSpec.K8S_INDEX, "4"))).getMessage().contains("5/4"));
        assertThrows(IllegalArgumentException.class, () -> ShardSpec.resolve("1/2", 2, Map.of()));
    }
}
