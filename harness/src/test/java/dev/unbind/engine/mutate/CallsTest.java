package dev.unbind.engine.mutate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The names the operators aim at, told apart from the names they must leave alone. */
class CallsTest {
    @Test
    void splitsCamelCase() {
        assertEquals(List.of("wait", "event", "interruptible"), Calls.words("waitEventInterruptible"));
        assertEquals(List.of("drm", "dev", "unplug"), Calls.words("drmDevUnplug"));
    }

    @Test
    void drainsAreTheCallsThatWaitForOrStopOthers() {
        for (String n : List.of("synchronize", "flush", "cancelSync", "kill", "killAndConfirm", "waitForCompletion",
                "waitEventKillable", "unmapMappingRange", "drmDevUnplug", "deregisterSync", "revoke")) {
            assertTrue(Calls.drains(n), n);
        }
        for (String n : List.of("unplugged", "registerSync", "readLock", "isDying", "queue")) {
            assertFalse(Calls.drains(n), n);
        }
    }

    @Test
    void getsAndPutsAreReferencesNotTablesOrGetters() {
        for (String n : List.of("get", "put", "tryGet", "tryGetLive", "getUnlessZero", "fopsGet", "drmDevPut")) {
            assertTrue(Calls.getsOrPuts(n, 1), n);
        }
        assertFalse(Calls.getsOrPuts("put", 2), "a put(key, value) fills a table");
        for (String n : List.of("getParam", "putDev", "target")) {
            assertFalse(Calls.getsOrPuts(n, 0), n);
        }
        assertTrue(Calls.acquires("tryGetLive") && Calls.acquires("fopsGet") && !Calls.acquires("put"));
    }

    @Test
    void wakeUpsLocksAndFlags() {
        assertTrue(Calls.wakes("wakeUp") && Calls.wakes("completeAll") && !Calls.wakes("isDone"));
        assertTrue(Calls.locks("lock") && Calls.locks("downWrite") && Calls.locks("lockKillable") && !Calls.locks("update"));
        assertTrue(Calls.unlocks("unlock") && Calls.unlocks("upWrite") && !Calls.unlocks("update"));
        assertTrue(Calls.namesAFlag("unplugged") && Calls.namesAFlag("markDead") && Calls.namesAFlag("registered"));
        assertFalse(Calls.namesAFlag("eventPending"));
    }

    @Test
    void neverTheDetectors() {
        assertFalse(Calls.mutable("dev/unbind/kernel/Kernel"));
        assertFalse(Calls.mutable("dev/unbind/kernel/Fence"));
        assertFalse(Calls.mutable("java/util/Map"));
        assertTrue(Calls.mutable("dev/unbind/kernel/Srcu"));
    }
}
