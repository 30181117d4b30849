package dev.unbind.engine.mutate;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

import java.util.HashSet;
import java.util.Set;

/**
 * What the mutators need to know about one method's bytecode: the operand stack height before
 * each instruction (a statement starts and ends where it is empty), the source line of each
 * instruction, which labels control flow jumps to, and which instructions lie inside a loop.
 * Instructions are addressed by their index in the method's instruction list, which is the same
 * every time the same class file is read the same way.
 */
final class MethodFacts {
    final MethodNode method;
    private final AbstractInsnNode[] insns;
    private final Frame<BasicValue>[] frames;
    private final int[] lines;
    private final Set<LabelNode> targets = new HashSet<>();
    /** [from, to] index ranges of the loops (a backward jump from {@code to} to {@code from}). */
    private final int[][] loops;

    MethodFacts(String owner, MethodNode method) {
        this.method = method;
        this.insns = method.instructions.toArray();
        try {
            this.frames = new Analyzer<>(new BasicInterpreter()).analyze(owner, method);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("cannot analyse " + owner + "." + method.name + ": " + e.getMessage(), e);
        }
        this.lines = new int[insns.length];
        int line = 0;
        for (int i = 0; i < insns.length; i++) {
            if (insns[i] instanceof LineNumberNode l) {
                line = l.line;
            }
            lines[i] = line;
        }
        java.util.List<int[]> found = new java.util.ArrayList<>();
        for (int i = 0; i < insns.length; i++) {
            AbstractInsnNode n = insns[i];
            if (n instanceof JumpInsnNode j) {
                targets.add(j.label);
                int to = index(j.label);
                if (to < i) {
                    found.add(new int[] {to, i});
                }
            } else if (n instanceof TableSwitchInsnNode t) {
                targets.add(t.dflt);
                targets.addAll(t.labels);
            } else if (n instanceof LookupSwitchInsnNode t) {
                targets.add(t.dflt);
                targets.addAll(t.labels);
            }
        }
        for (TryCatchBlockNode t : method.tryCatchBlocks) {
            targets.add(t.handler);
        }
        this.loops = found.toArray(new int[0][]);
    }

    int size() {
        return insns.length;
    }

    AbstractInsnNode insn(int i) {
        return insns[i];
    }

    int index(AbstractInsnNode n) {
        return method.instructions.indexOf(n);
    }

    /** The source line of instruction {@code i} (0 when the class has no line numbers). */
    int line(int i) {
        return lines[i];
    }

    /** The operand stack height before instruction {@code i}, or -1 when it is unreachable. */
    int stackBefore(int i) {
        Frame<BasicValue> f = frames[i];
        return f == null ? -1 : f.getStackSize();
    }

    /** True if instruction {@code i} lies in a loop: a mutant there could spin instead of returning. */
    boolean inLoop(int i) {
        for (int[] l : loops) {
            if (l[0] <= i && i <= l[1]) {
                return true;
            }
        }
        return false;
    }

    /** True if control flow may enter the range [{@code from}, {@code to}] other than at its start. */
    boolean entered(int from, int to) {
        for (int i = from + 1; i <= to; i++) {
            if (insns[i] instanceof LabelNode l && targets.contains(l)) {
                return true;
            }
        }
        return false;
    }

    /** The first instruction of the statement that ends with instruction {@code i}: where the stack was last empty. */
    int statementStart(int i) {
        for (int j = i; j >= 0; j--) {
            if (real(j) && stackBefore(j) == 0) {
                return j;
            }
        }
        return -1;
    }

    /** The first real instruction after {@code i} before which the stack is empty: where the next statement begins. */
    int nextStatement(int i) {
        for (int j = i + 1; j < insns.length; j++) {
            if (real(j) && stackBefore(j) == 0) {
                return j;
            }
        }
        return -1;
    }

    /** The next real instruction after {@code i}, or -1. */
    int nextReal(int i) {
        for (int j = i + 1; j < insns.length; j++) {
            if (real(j)) {
                return j;
            }
        }
        return -1;
    }

    /** The real instruction before {@code i}, or -1. */
    int previousReal(int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (real(j)) {
                return j;
            }
        }
        return -1;
    }

    /** An instruction the JVM executes (not a label, line number or frame). */
    boolean real(int i) {
        return insns[i].getOpcode() >= 0;
    }

    /** True if control reaches a return or a throw from {@code i} on without a branch or a merge, within a few instructions. */
    boolean bailsOut(int i) {
        int steps = 0;
        for (int j = i; j >= 0 && j < insns.length && steps < 16; j++) {
            AbstractInsnNode n = insns[j];
            if (n instanceof LabelNode l && j > i && targets.contains(l)) {
                return false;
            }
            if (!real(j)) {
                continue;
            }
            steps++;
            int op = n.getOpcode();
            if (op >= Opcodes.IRETURN && op <= Opcodes.RETURN || op == Opcodes.ATHROW) {
                return true;
            }
            if (n instanceof JumpInsnNode || n instanceof TableSwitchInsnNode || n instanceof LookupSwitchInsnNode) {
                return false;
            }
        }
        return false;
    }

    /** The source name of the local variable in slot {@code var} at instruction {@code i}, or {@code local<n>}. */
    String localName(int var, int i) {
        if (method.localVariables != null) {
            for (LocalVariableNode v : method.localVariables) {
                if (v.index == var && index(v.start) <= i && i <= index(v.end)) {
                    return v.name;
                }
            }
        }
        return "local" + var;
    }
}
