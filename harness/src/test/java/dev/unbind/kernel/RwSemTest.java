package dev.unbind.kernel;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RwSemTest {
    private static final Point READING = Point.step("test.reading");
    private static final Point WRITER_QUEUED = Point.step("test.writer-queued");

    @Test
    void queuedWriter_blocksNewReaders() {
        // r1 reads; w queues behind it; r2 arrives after w queued and must wait for w
        Kernel k = Runs.controlled("r1 until test.reading", "w", "r2", "r1", "w", "r2");
        RwSem sem = new RwSem(k, "sem", null);
        List<String> order = new ArrayList<>();
        List<Finding> f = Runs.run(k, List.of(
                ActorSpec.of("r1", () -> {
                    sem.downRead();
                    k.at(READING);
                    order.add("r1");
                    sem.upRead();
                }),
                ActorSpec.of("w", () -> {
                    sem.downWrite();
                    order.add("w");
                    sem.upWrite();
                }),
                ActorSpec.of("r2", () -> {
                    sem.downRead();
                    order.add("r2");
                    sem.upRead();
                })));
        assertTrue(f.isEmpty(), f.toString());
        assertEquals(List.of("r1", "w", "r2"), order);
    }

    @Test
    void readerTakingTheReadSideAgainBehindAQueuedWriter_deadlocks() {
        Kernel k = Runs.controlled("r until test.reading", "w", "r");
        RwSem sem = new RwSem(k, "sem", null);
        List<Finding> f = Runs.run(k, List.of(
                ActorSpec.of("r", () -> {
                    sem.downRead();
                    k.at(READING);
                    sem.downRead(); // recursive read while w is queued
                    sem.upRead();
                    sem.upRead();
                }),
                ActorSpec.of("w", () -> {
                    sem.downWrite();
                    sem.upWrite();
                })));
        assertEquals(Kind.HANG, f.get(0).kind(), f.toString());
    }

    @Test
    void downReadKillable_returnsEintrOnFatalSignal() {
        Kernel k = Runs.controlled("w until test.writer-queued", "r", "killer", "r", "w");
        RwSem sem = new RwSem(k, "sem", null);
        int[] rc = {1};
        Runs.run(k, List.of(
                ActorSpec.of("w", () -> {
                    sem.downWrite();
                    k.at(WRITER_QUEUED);
                    sem.upWrite();
                }),
                ActorSpec.of("r", () -> rc[0] = sem.downReadKillable()),
                ActorSpec.of("killer", () -> k.actorNamed("r").signal(true))));
        assertEquals(-Errno.EINTR, rc[0]);
    }

    @Test
    void writeAfterRead_bySameActor_isSelfDeadlock() {
        Kernel k = Kernels.onThreads();
        RwSem sem = new RwSem(k, "sem", null);
        sem.downRead();
        assertThrows(HangAbort.class, sem::downWrite);
        assertEquals(Kind.HANG, k.findingList().get(0).kind());
    }

    @Test
    void uninitialisedRwsem_worksUncontended_butTheFirstWaiterDereferencesNull() {
        Kernel k = Runs.controlled("a until test.reading", "b", "a");
        RwSem sem = RwSem.uninitialised(k, "sync.sem", null);
        List<Finding> f = Runs.run(k, List.of(
                ActorSpec.of("a", () -> {
                    sem.downWrite();
                    k.at(READING);
                    sem.upWrite();
                }),
                ActorSpec.of("b", () -> {
                    sem.downRead();
                    sem.upRead();
                })));
        assertEquals(Kind.NULL_DEREF, f.get(0).kind(), f.toString());
    }
}
