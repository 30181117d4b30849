package dev.unbind.engine.mutate;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a mutant into its class: the class file is read, the one instruction (or statement)
 * changed as the operator says, the method checked with ASM's verifier, and the class written
 * with fresh stack map frames. Class files are always read the same way ({@link #READ}), so an
 * instruction index found by {@link MutantScanner} names the same instruction here.
 */
final class Mutations {
    /** How class files are read everywhere in this package (frames are recomputed on writing). */
    static final int READ = ClassReader.SKIP_FRAMES;

    private Mutations() {
    }

    static ClassNode read(byte[] bytes) {
        ClassNode c = new ClassNode();
        new ClassReader(bytes).accept(c, READ);
        return c;
    }

    /** The method a mutant names. */
    static MethodNode method(ClassNode c, Mutant m) {
        for (MethodNode x : c.methods) {
            if (x.desc.equals(m.desc()) && (x.name.equals(m.method()) || (x.name + x.desc).equals(m.method()))) {
                return x;
            }
        }
        throw new IllegalStateException("no method " + m.method() + m.desc() + " in " + c.name);
    }

    /**
     * The class with the mutant applied. {@code hierarchy} loads the unmutated classes, for the
     * verifier and the frame computation. IllegalStateException if the result does not verify.
     */
    static byte[] apply(byte[] original, Mutant m, ClassLoader hierarchy) {
        ClassNode c = read(original);
        MethodNode method = method(c, m);
        mutate(method, m);
        verify(c.name, c.superName, method, hierarchy);
        return write(c, hierarchy);
    }

    private static void mutate(MethodNode method, Mutant m) {
        InsnList code = method.instructions;
        AbstractInsnNode at = code.get(m.index());
        switch (m.operator()) {
            case REMOVE_DRAIN, REMOVE_GET_PUT, REMOVE_WAKE -> code.insertBefore(at, skipped((MethodInsnNode) at));
            case TRYGET_LIVE -> ((MethodInsnNode) at).name = "tryGet";
            case STORE_AFTER_DRAIN, STORE_OUTSIDE_LOCK -> {
                AbstractInsnNode destination = code.get(m.destination());
                List<AbstractInsnNode> moved = new ArrayList<>();
                for (int i = m.regionStart(); i <= m.index(); i++) {
                    AbstractInsnNode n = code.get(i);
                    if (n.getOpcode() >= 0) {
                        moved.add(n);
                    }
                }
                for (AbstractInsnNode n : moved) {
                    code.remove(n);
                    code.insertBefore(destination, n);
                }
                return;
            }
            case DROP_CHECK -> {
                JumpInsnNode j = (JumpInsnNode) at;
                InsnList instead = new InsnList();
                int operands = j.getOpcode() >= Opcodes.IF_ICMPEQ && j.getOpcode() <= Opcodes.IF_ACMPNE ? 2 : 1;
                for (int i = 0; i < operands; i++) {
                    instead.add(new InsnNode(Opcodes.POP));
                }
                if (m.jump()) {
                    instead.add(new JumpInsnNode(Opcodes.GOTO, j.label));
                }
                code.insertBefore(at, instead);
            }
        }
        if (m.operator() != Operator.TRYGET_LIVE) {
            code.remove(at);
        }
    }

    /** Pops what the call would have consumed and pushes what a successful call returns. */
    private static InsnList skipped(MethodInsnNode call) {
        InsnList out = new InsnList();
        Type[] args = Type.getArgumentTypes(call.desc);
        for (int i = args.length - 1; i >= 0; i--) {
            out.add(new InsnNode(args[i].getSize() == 2 ? Opcodes.POP2 : Opcodes.POP));
        }
        if (call.getOpcode() != Opcodes.INVOKESTATIC) {
            out.add(new InsnNode(Opcodes.POP));
        }
        Type result = Type.getReturnType(call.desc);
        switch (result.getSort()) {
            case Type.VOID -> {
            }
            case Type.BOOLEAN -> out.add(new InsnNode(Calls.acquires(call.name) ? Opcodes.ICONST_1 : Opcodes.ICONST_0));
            case Type.LONG -> out.add(new LdcInsnNode(Calls.words(call.name).contains("timeout") ? 1L : 0L));
            case Type.FLOAT -> out.add(new InsnNode(Opcodes.FCONST_0));
            case Type.DOUBLE -> out.add(new InsnNode(Opcodes.DCONST_0));
            default -> out.add(new InsnNode(Opcodes.ICONST_0)); // int, short, byte, char: 0 is success
        }
        return out;
    }

    private static void verify(String owner, String superName, MethodNode method, ClassLoader hierarchy) {
        SimpleVerifier v = new SimpleVerifier(Type.getObjectType(owner), Type.getObjectType(superName), false);
        v.setClassLoader(hierarchy);
        try {
            new Analyzer<BasicValue>(v).analyze(owner, method);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("the mutant of " + owner + "." + method.name + " does not verify: "
                    + e.getMessage(), e);
        }
    }

    /** Writes a class with frames computed against {@code hierarchy}. */
    static byte[] write(ClassNode c, ClassLoader hierarchy) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected ClassLoader getClassLoader() {
                return hierarchy;
            }
        };
        c.accept(w);
        return w.toByteArray();
    }
}
