package dev.unbind.kernel;

import dev.unbind.sched.Kernels;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.sched.Choreography;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SrcuTest {
    private static final Point A_INSIDE = Point.step("test.a-inside");
    private static final Point SYNC_RETURNED = Point.step("test.sync-returned");
    private static final Point SYNC_START = Point.step("test.sync-start");

    @Test
    void synchronize_waitsForAReaderThatLockedBeforeIt() {
        Kernel k = Runs.controlled("a until test.a-inside", "s", "a", "s");
        Srcu srcu = new Srcu(k, "s", null);
        boolean[] readerDone = new boolean[1];
        boolean[] sawReaderDone = new boolean[1];
        List<Finding> f = Runs.run(k, List.of(
                ActorSpec.of("a", () -> {
                    int idx = srcu.readLock();
                    k.at(A_INSIDE);
                    readerDone[0] = true;
                    srcu.readUnlock(idx);
                }),
                ActorSpec.of("s", () -> {
                    srcu.synchronize();
                    sawReaderDone[0] = readerDone[0];
                })));
        assertTrue(f.isEmpty(), f.toString());
        assertTrue(sawReaderDone[0], "synchronize returned before the reader left");
    }

    @Test
    void lostUnlock_makesSynchronizeHang_andTheRunFinishes_underTheControlledScheduler() {
        Kernel k = Runs.controlled("a", "s");
        List<Finding> f = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> lostUnlock(k));
        Finding hang = f.get(0);
        assertEquals(Kind.HANG, hang.kind());
        assertTrue(hang.site("blocked").orElseThrow().what().contains("a inside since"), hang.toString());
    }

    @Test
    void lostUnlock_makesSynchronizeHang_andTheRunFinishes_onRealThreads() {
        Kernel k = Runs.threads();
        k.listener(new Choreography().at("s", SYNC_START.name()).waitForFinish("a"));
        List<Finding> f = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> lostUnlock(k));
        assertEquals(Kind.HANG, f.get(0).kind());
        assertTrue(f.get(0).detail().contains("synchronize_srcu(s)"), f.get(0).detail());
    }

    private static List<Finding> lostUnlock(Kernel k) {
        Srcu srcu = new Srcu(k, "s", null);
        return Runs.run(k, List.of(
                ActorSpec.of("a", srcu::readLock), // BUG: never unlocks
                ActorSpec.of("s", () -> {
                    k.at(SYNC_START);
                    srcu.synchronize();
                })));
    }

    @Test
    void wrongIndexUnlock_letsSynchronizeReturnEarly_whichIsDetected() {
        // a reads on index 0; s flips and waits for index 0; b locks index 1 and unlocks index 0
        Kernel k = Runs.controlled("a until test.a-inside", "s", "b", "s until test.sync-returned", "a");
        Srcu srcu = new Srcu(k, "s", null);
        List<Finding> f = Runs.run(k, List.of(
                ActorSpec.of("a", () -> {
                    int idx = srcu.readLock();
                    k.at(A_INSIDE);
                    srcu.readUnlock(idx);
                }),
                ActorSpec.of("s", () -> {
                    srcu.synchronize();
                    k.at(SYNC_RETURNED);
                }),
                ActorSpec.of("b", () -> {
                    int idx = srcu.readLock();
                    srcu.readUnlock(1 - idx); // BUG: the other index
                })));
        Finding early = f.stream().filter(x -> x.kind() == Kind.FENCE).findFirst().orElseThrow(() -> new AssertionError(f));
        assertEquals("a", early.site("reader inside").orElseThrow().actor());
    }

    @Test
    void readersLeavingWhileSynchronizeChecks_areNeverReportedInside_onRealThreads() {
        // a reader's unlock races synchronize's final look at who is still inside: a reader that
        // has already unlocked must never be counted as inside after the grace period
        Kernel k = Runs.threads();
        Srcu srcu = new Srcu(k, "s", null);
        boolean[] stop = new boolean[1];
        List<Finding> f = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Runs.run(k, List.of(
                ActorSpec.of("a", () -> {
                    while (!stop[0]) {
                        srcu.readUnlock(srcu.readLock());
                    }
                }),
                ActorSpec.of("s", () -> {
                    for (int i = 0; i < 5_000 && k.findingList().isEmpty(); i++) {
                        srcu.synchronize();
                    }
                    stop[0] = true;
                }))));
        assertTrue(f.isEmpty(), f.stream().map(Finding::summary).toList().toString());
    }

    @Test
    void readerAfterTheFlip_isNotWaitedFor() {
        Kernel k = Runs.controlled("a until test.a-inside", "s", "late until test.a-inside", "a", "s", "late");
        Srcu srcu = new Srcu(k, "s", null);
        List<Finding> f = Runs.run(k, List.of(
                ActorSpec.of("a", () -> {
                    int idx = srcu.readLock();
                    k.at(A_INSIDE);
                    srcu.readUnlock(idx);
                }),
                ActorSpec.of("s", srcu::synchronize),
                ActorSpec.of("late", () -> {
                    int idx = srcu.readLock();
                    k.at(A_INSIDE);
                    srcu.readUnlock(idx);
                })));
        assertTrue(f.isEmpty(), f.toString());
    }

    @Test
    void synchronizeInsideItsOwnReadSection_isSelfDeadlock() {
        Kernel k = Kernels.onThreads();
        Srcu srcu = new Srcu(k, "s", null);
        srcu.readLock();
        assertThrows(HangAbort.class, srcu::synchronize);
        assertEquals(Kind.HANG, k.findingList().get(0).kind());
    }

    @Test
    void failedInit_makesAnyUseANullDereference() {
        Kernel k = Kernels.onThreads();
        Srcu srcu = new Srcu(k, "s", null);
        srcu.initFailed();
        assertThrows(Oops.class, srcu::readLock);
        assertEquals(Kind.NULL_DEREF, k.findingList().get(0).kind());
    }

    @Test
    void useOfAFailedInit_oopsesTheTask_soQuiescenceReportsNoLeaks() {
        Kernel k = Kernels.onThreads();
        Srcu srcu = new Srcu(k, "s", null);
        k.memory().alloc("provider", "allocated before the oops, never freed");
        srcu.initFailed();
        assertThrows(Oops.class, srcu::synchronize);
        k.checkQuiescence();
        assertTrue(k.oopsed());
        assertEquals(List.of(Kind.NULL_DEREF), k.findingList().stream().map(Finding::kind).toList());
    }
}
