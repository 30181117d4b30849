package dev.unbind.engine.mutate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each operator finds its shape in {@code fixture.Shapes} and rewrites exactly that, into code that verifies. */
class MutationsTest {
    private static final String SHAPES = "dev/unbind/engine/mutate/fixture/Shapes";
    private static byte[] original;
    private static Map<String, Mutant> mutants;

    @BeforeAll
    static void scan() throws IOException {
        try (InputStream in = MutationsTest.class.getClassLoader().getResourceAsStream(SHAPES + ".class")) {
            original = in.readAllBytes();
        }
        ClassNode c = Mutations.read(original);
        List<Mutant> all = new ArrayList<>();
        for (MethodNode m : c.methods) {
            all.addAll(MutantScanner.scan(c, m, call -> false));
        }
        mutants = all.stream().collect(Collectors.toMap(Mutant::key, m -> m));
    }

    @Test
    void everyShapeHasItsMutant() {
        assertEquals(List.of(
                "drop-check Shapes.use Shapes.buffer#1",
                "remove-drain Shapes.teardown Srcu.synchronize#1",
                "remove-get-put Shapes.drop Kref.put#1",
                "remove-get-put Shapes.enter PercpuRef.tryGetLive#1",
                "remove-wake Shapes.teardown WaitQueue.wakeUp#1",
                "store-after-drain Shapes.teardown Shapes.dead#1",
                "store-outside-lock Shapes.teardown Shapes.dead#1",
                "tryget-live-to-tryget Shapes.enter PercpuRef.tryGetLive#1"),
                mutants.keySet().stream().sorted().toList());
    }

    @Test
    void aRemovedCallIsGone_andATryGetSucceeds() {
        assertEquals(0, count(mutated("remove-drain Shapes.teardown Srcu.synchronize#1", "teardown"), calls("synchronize")));
        assertEquals(0, count(mutated("remove-wake Shapes.teardown WaitQueue.wakeUp#1", "teardown"), calls("wakeUp")));
        InsnList enter = mutated("remove-get-put Shapes.enter PercpuRef.tryGetLive#1", "enter");
        assertEquals(0, count(enter, calls("tryGetLive")));
        assertEquals(1, count(enter, n -> n.getOpcode() == Opcodes.ICONST_1), "the removed try-get returns true");
        InsnList drop = mutated("remove-get-put Shapes.drop Kref.put#1", "drop");
        assertEquals(0, count(drop, calls("put")));
        assertEquals(1, count(drop, n -> n.getOpcode() == Opcodes.ICONST_0), "a removed put released nothing");
    }

    @Test
    void tryGetLiveBecomesTryGet() {
        InsnList enter = mutated("tryget-live-to-tryget Shapes.enter PercpuRef.tryGetLive#1", "enter");
        assertEquals(0, count(enter, calls("tryGetLive")));
        assertEquals(1, count(enter, calls("tryGet")));
    }

    @Test
    void theDeadStoreMovesAfterTheDrain_orOutOfTheLock() {
        InsnList late = mutated("store-after-drain Shapes.teardown Shapes.dead#1", "teardown");
        assertTrue(first(late, deadStore()) > first(late, calls("synchronize")));
        InsnList out = mutated("store-outside-lock Shapes.teardown Shapes.dead#1", "teardown");
        assertTrue(first(out, deadStore()) > first(out, calls("unlock")));
        assertTrue(first(out, deadStore()) < first(out, calls("wakeUp")), "right after the unlock, not further");
    }

    @Test
    void aDroppedNullCheckGoesOnAsIfTheValueWereThere() {
        InsnList use = mutated("drop-check Shapes.use Shapes.buffer#1", "use");
        assertEquals(0, count(use, n -> n.getOpcode() == Opcodes.IFNULL || n.getOpcode() == Opcodes.IFNONNULL));
        assertEquals(1, count(use, calls("touch")));
    }

    private static InsnList mutated(String key, String method) {
        Mutant m = mutants.get(key);
        ClassNode c = Mutations.read(Mutations.apply(original, m, MutationsTest.class.getClassLoader()));
        return c.methods.stream().filter(x -> x.name.equals(method)).findFirst().orElseThrow().instructions;
    }

    private static Function<AbstractInsnNode, Boolean> calls(String name) {
        return n -> n instanceof MethodInsnNode mi && mi.name.equals(name);
    }

    private static Function<AbstractInsnNode, Boolean> deadStore() {
        return n -> n instanceof FieldInsnNode f && f.getOpcode() == Opcodes.PUTFIELD && f.name.equals("dead");
    }

    private static int count(InsnList code, Function<AbstractInsnNode, Boolean> what) {
        int n = 0;
        for (AbstractInsnNode i : code) {
            n += what.apply(i) ? 1 : 0;
        }
        return n;
    }

    private static int first(InsnList code, Function<AbstractInsnNode, Boolean> what) {
        for (int i = 0; i < code.size(); i++) {
            if (what.apply(code.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
