package dev.unbind.engine.mutate;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The rewrite that loads a family for coverage: each class is scanned for mutants first, then
 * gets a probe at the entry of every method, one after every constructor (recording the runtime
 * class of the object built), and one in front of every mutation site. Everything it sees goes
 * into a {@link CodeMap}. The probes only record; the code does what it did.
 */
final class Instrumenter implements BiFunction<String, byte[], byte[]> {
    private static final String PROBE = Type.getInternalName(Probe.class);

    private final CodeMap map;
    private final FamilyLoader.Sources sources;
    private final FaultSteps faultSteps;

    Instrumenter(CodeMap map, FamilyLoader.Sources sources) {
        this.map = map;
        this.sources = sources;
        this.faultSteps = new FaultSteps(sources);
    }

    @Override
    public byte[] apply(String binaryName, byte[] original) {
        ClassNode c = Mutations.read(original);
        int first = map.reserveMethods(c.methods.size());
        List<CodeMap.MethodInfo> methods = new ArrayList<>();
        for (int i = 0; i < c.methods.size(); i++) {
            MethodNode m = c.methods.get(i);
            List<Mutant> mutants = MutantScanner.scan(c, m, faultSteps);
            List<CodeMap.Site> sites = new ArrayList<>();
            List<AbstractInsnNode> at = new ArrayList<>();
            for (Mutant x : mutants) {
                sites.add(new CodeMap.Site(map.nextSiteId(), x));
                at.add(m.instructions.get(x.index()));
            }
            methods.add(new CodeMap.MethodInfo(first + i, c.name, m.name, m.desc, m.access, List.copyOf(sites),
                    refers(c.name, m)));
            if (m.instructions.size() == 0) {
                continue;
            }
            for (int s = 0; s < sites.size(); s++) {
                m.instructions.insertBefore(at.get(s), call(sites.get(s).id(), "site"));
            }
            if (m.name.equals("<init>")) {
                for (AbstractInsnNode n : m.instructions.toArray()) {
                    if (n.getOpcode() == Opcodes.RETURN) {
                        InsnList built = new InsnList();
                        built.add(new VarInsnNode(Opcodes.ALOAD, 0));
                        built.add(new MethodInsnNode(Opcodes.INVOKESTATIC, PROBE, "object", "(Ljava/lang/Object;)V", false));
                        m.instructions.insertBefore(n, built);
                    }
                }
            }
            m.instructions.insert(call(first + i, "method"));
        }
        boolean data = (c.access & Opcodes.ACC_ENUM) != 0 || "java/lang/Record".equals(c.superName);
        map.add(new CodeMap.ClassInfo(c.name, c.superName, c.outerClass == null ? c.name : c.outerClass, data,
                List.copyOf(methods)));
        return Mutations.write(c, sources.original());
    }

    private static InsnList call(int id, String probe) {
        InsnList l = new InsnList();
        l.add(new LdcInsnNode(id));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, PROBE, probe, "(I)V", false));
        return l;
    }

    /** The methods of its own class {@code m} calls or takes a handle of (lambda bodies, method references). */
    private static Set<String> refers(String owner, MethodNode m) {
        Set<String> out = new LinkedHashSet<>();
        for (AbstractInsnNode n : m.instructions) {
            if (n instanceof MethodInsnNode mi && mi.owner.equals(owner)) {
                out.add(mi.name + mi.desc);
            } else if (n instanceof InvokeDynamicInsnNode indy) {
                for (Object arg : indy.bsmArgs) {
                    if (arg instanceof Handle h && h.getOwner().equals(owner)) {
                        out.add(h.getName() + h.getDesc());
                    }
                }
            }
        }
        return Set.copyOf(out);
    }
}
