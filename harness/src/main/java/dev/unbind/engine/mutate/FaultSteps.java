package dev.unbind.engine.mutate;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Tells the calls that only report whether a fallible step failed: {@code k.fails(P)} itself,
 * and a method of the family that returns a boolean and asks {@code k.fails} ({@code
 * requestIrqFails}). A branch on one is the fault injector's switch, not a check of the fix:
 * forcing it only turns the fault off.
 */
final class FaultSteps implements Predicate<MethodInsnNode> {
    private static final String KERNEL = "dev/unbind/kernel/Kernel";

    private final FamilyLoader.Sources sources;
    private final String packagePrefix;
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    FaultSteps(FamilyLoader.Sources sources) {
        this.sources = sources;
        this.packagePrefix = sources.packageName().replace('.', '/') + "/";
    }

    @Override
    public boolean test(MethodInsnNode call) {
        if (call.owner.equals(KERNEL)) {
            return call.name.equals("fails");
        }
        if (!call.owner.startsWith(packagePrefix) || Type.getReturnType(call.desc) != Type.BOOLEAN_TYPE) {
            return false;
        }
        return known.computeIfAbsent(call.owner + "." + call.name + call.desc, k -> asksFails(call.owner, call.name, call.desc));
    }

    /** Whether the implementation {@code owner} inherits (from itself up, within the family) calls {@code k.fails}. */
    private boolean asksFails(String owner, String name, String desc) {
        for (String c = owner; c != null && c.startsWith(packagePrefix); ) {
            ClassNode node = Mutations.read(sources.bytes(c.replace('/', '.')));
            for (MethodNode m : node.methods) {
                if (m.name.equals(name) && m.desc.equals(desc)) {
                    for (AbstractInsnNode n : m.instructions) {
                        if (n instanceof MethodInsnNode mi && mi.owner.equals(KERNEL) && mi.name.equals("fails")) {
                            return true;
                        }
                    }
                    return false;
                }
            }
            c = node.superName;
        }
        return false;
    }
}
