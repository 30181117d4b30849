package dev.unbind.subjects.cdev;

import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.kernel.Actor;
import dev.unbind.kernel.ActorSpec;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.sched.ControlledScheduler;
import dev.unbind.sched.SegmentStrategy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pinned races of the family, written the way they are described: an open that holds its cdev
 * reference while remove frees the memory around it, and a fatal signal while the sketch's open
 * waits behind revoke.
 */
class CdevRacesTest {
    private static final CdevFamily FAMILY = new CdevFamily();

    private record Run(Kernel k, int openResult) {
        List<Finding> findings() {
            return k.findingList();
        }
    }

    /** probe; then opener, remover (and a killer of the opener) in the given segments; then quiesce. */
    private static Run race(String variant, boolean kill, String... segments) {
        String[] all = new String[segments.length + 2];
        all[0] = "setup";
        System.arraycopy(segments, 0, all, 1, segments.length);
        all[all.length - 1] = "quiesce";
        Kernel k = Kernel.builder().scheduler(new ControlledScheduler(SegmentStrategy.of(all))).build();
        Chardev m = FAMILY.variant(variant).create().apply(k);
        int[] rc = {Integer.MIN_VALUE};
        List<ActorSpec> racers = new java.util.ArrayList<>(List.of(
                ActorSpec.of("opener", () -> {
                    OpenResult r = m.open();
                    rc[0] = r.rc();
                }),
                ActorSpec.of("remover", m::remove)));
        if (kill) {
            racers.add(ActorSpec.of("killer", () -> {
                Actor opener = k.actorNamed("opener");
                opener.signal(true);
            }));
        }
        k.run(List.of(List.of(ActorSpec.of("setup", () -> assertEquals(0, m.probe()))), racers,
                List.of(ActorSpec.of("quiesce", m::quiesce))));
        k.checkQuiescence();
        assertTrue(k.errors().isEmpty(), () -> "model error: " + k.errors());
        return new Run(k, rc[0]);
    }

    private static final String HOLDS_CDEV = "opener until " + CharDevCore.OPEN_GOT_CDEV.name();

    @Test
    void plain_anOpenHoldingItsCdevReference_readsTheCdevRemoveFreed() {
        Run r = race("cdev.plain", false, HOLDS_CDEV, "remover", "opener");
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Kind.UAF && f.objectType().equals("daq")
                && f.site("accessed by").orElseThrow().what().equals("read cdev->ops")), r.findings().toString());
    }

    @Test
    void queued_anOpenHoldingItsCdevReference_readsQregisteredInTheFreedStruct() {
        Run r = race("cdev.queued-as-posted", false, HOLDS_CDEV, "remover", "opener");
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Kind.UAF
                && f.site("accessed by").orElseThrow().what().equals("read cdev->qregistered")), r.findings().toString());
    }

    @Test
    void fenced_anOpenHoldingItsCdevReference_keepsTheStateAlive_andGetsEnxio() {
        Run r = race("cdev.fenced", false, HOLDS_CDEV, "remover", "opener");
        assertEquals(List.of(), r.findings());
        assertEquals(-dev.unbind.kernel.Errno.ENXIO, r.openResult());
    }

    @Test
    void sketchSelfCallFixed_anOpenKilledWhileRevokeHoldsTheWriteSide_returnsErestartsys_withNoSideEffect() {
        Run r = race("cdev.sync-sketch-self-call-fixed", true,
                "remover until " + CdevSyncSketch.REVOKE_WRITE_LOCKED.name(), "opener", "killer", "opener", "remover");
        assertEquals(-dev.unbind.kernel.Errno.ERESTARTSYS, r.openResult());
        assertEquals(List.of(Kind.LEAK), r.findings().stream().map(Finding::kind).toList(),
                "only the cdev_sync_data nobody frees (J5): " + r.findings());
        assertEquals("cdev_sync_data", r.findings().get(0).objectType());
    }

    @Test
    void sketchAsPosted_anOpenWhileRevokeHoldsTheWriteSide_takesSemCountForTheOwner() {
        Run r = race("cdev.sync-sketch-as-posted", false,
                "remover until " + CdevSyncSketch.REVOKE_WRITE_LOCKED.name(), "opener", "remover");
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Kind.NULL_DEREF
                && f.object().equals("cdev_sync_data as file_operations")), r.findings().toString());
    }
}
