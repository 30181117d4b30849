package dev.unbind.engine.mutate;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds every place in a method where an {@link Operator} applies, in instruction order:
 * <ul>
 *   <li>a call whose name drains, gets or puts, or wakes ({@link Calls}) is removed — its
 *       arguments popped and, for a call with a result, the result a success would give pushed
 *       (0, true for a try-get, time left for a timed wait); calls returning an object are left
 *       alone, since no value could stand for one;</li>
 *   <li>a call of {@code tryGetLive} becomes {@code tryGet};</li>
 *   <li>a store of a life-state flag (a field or one-argument setter named dead, unplugged,
 *       registered...) or of NULL/false/0 is moved, as a whole statement, after the next drain in
 *       the method, and, when it lies between a lock and its unlock, after the unlock;</li>
 *   <li>a conditional branch outside loops is forced towards the use it guards: a null check as
 *       if the value were there, another check always taken when its fall-through is an early
 *       return, never taken otherwise.</li>
 * </ul>
 */
final class MutantScanner {
    private MutantScanner() {
    }

    /** The mutants of {@code m}; {@code faultStep} tells the calls a branch on which is the fault injector's, not the fix's. */
    static List<Mutant> scan(ClassNode c, MethodNode m, Predicate<MethodInsnNode> faultStep) {
        if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 || m.name.equals("<clinit>")) {
            return List.of();
        }
        MethodFacts f = new MethodFacts(c.name, m);
        String method = overloaded(c, m.name) ? m.name + m.desc : m.name;
        Map<String, Integer> seen = new HashMap<>();
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            if (f.stackBefore(i) < 0) {
                continue; // unreachable
            }
            AbstractInsnNode n = f.insn(i);
            if (n instanceof MethodInsnNode call && Calls.mutable(call.owner)) {
                calls(c, method, f, i, call, seen, out);
            }
            if (isStore(f, i)) {
                stores(c, method, f, i, seen, out);
            }
            if (n instanceof JumpInsnNode j && conditional(j.getOpcode()) && !f.inLoop(i) && !synthetic(f, i)
                    && !onAFaultStep(f, i, faultStep)) {
                String target = tested(f, i);
                boolean jump = towardsTheUse(f, i, j);
                out.add(mutant(Operator.DROP_CHECK, c, method, m, i, target, seen, f.line(i), -1, -1, jump,
                        "the check on " + target + " always goes on" + (nullCheck(j) ? " as if it were not NULL"
                                : jump ? " (its early return is never taken)" : " into the code it guards")));
            }
        }
        return out;
    }

    private static void calls(ClassNode c, String method, MethodFacts f, int i, MethodInsnNode call,
                              Map<String, Integer> seen, List<Mutant> out) {
        String target = Mutant.simpleName(call.owner) + "." + call.name;
        Type result = Type.getReturnType(call.desc);
        boolean removable = result.getSort() != Type.OBJECT && result.getSort() != Type.ARRAY && !call.name.equals("<init>");
        MethodNode m = f.method;
        if (removable && Calls.drains(call.name)) {
            out.add(mutant(Operator.REMOVE_DRAIN, c, method, m, i, target, seen, f.line(i), -1, -1, false,
                    "removed the call of " + target));
        } else if (removable && Calls.getsOrPuts(call.name, Type.getArgumentTypes(call.desc).length)) {
            out.add(mutant(Operator.REMOVE_GET_PUT, c, method, m, i, target, seen, f.line(i), -1, -1, false,
                    "removed the call of " + target + (result.getSort() == Type.BOOLEAN && Calls.acquires(call.name)
                            ? " (as if it had succeeded)" : "")));
        } else if (removable && Calls.wakes(call.name)) {
            out.add(mutant(Operator.REMOVE_WAKE, c, method, m, i, target, seen, f.line(i), -1, -1, false,
                    "removed the wake-up " + target));
        }
        if (call.name.equals("tryGetLive")) {
            out.add(mutant(Operator.TRYGET_LIVE, c, method, m, i, target, seen, f.line(i), -1, -1, false,
                    target + " replaced by " + Mutant.simpleName(call.owner) + ".tryGet"));
        }
    }

    /**
     * A PUTFIELD, or a call of a one-argument void method, that stores a life-state flag or
     * NULL/false/0; or a call of a no-argument {@code markDead()}-like method.
     */
    private static boolean isStore(MethodFacts f, int i) {
        AbstractInsnNode n = f.insn(i);
        String name;
        if (n instanceof FieldInsnNode fi && fi.getOpcode() == Opcodes.PUTFIELD) {
            name = fi.name;
        } else if (n instanceof MethodInsnNode mi && Calls.mutable(mi.owner) && mi.getOpcode() != Opcodes.INVOKESTATIC
                && Type.getReturnType(mi.desc) == Type.VOID_TYPE && !mi.name.equals("<init>")) {
            int arguments = Type.getArgumentTypes(mi.desc).length;
            if (arguments == 0 && mi.name.startsWith("mark") && Calls.namesAFlag(mi.name)) {
                return true;
            }
            if (arguments != 1) {
                return false;
            }
            name = mi.name;
        } else {
            return false;
        }
        int prev = f.previousReal(i);
        int op = prev < 0 ? -1 : f.insn(prev).getOpcode();
        boolean clears = op == Opcodes.ACONST_NULL || op == Opcodes.ICONST_0 || op == Opcodes.LCONST_0;
        return Calls.namesAFlag(name) || clears;
    }

    private static void stores(ClassNode c, String method, MethodFacts f, int i, Map<String, Integer> seen,
                               List<Mutant> out) {
        int start = f.statementStart(i);
        int after = f.nextReal(i);
        if (start < 0 || after < 0 || f.stackBefore(after) != 0 || f.entered(start, i)) {
            return; // not a whole statement of its own
        }
        String target = stored(f.insn(i));
        MethodNode m = f.method;
        int drain = next(f, i, true);
        if (drain >= 0) {
            int to = f.nextStatement(drain);
            if (straight(f, i, to)) {
                out.add(mutant(Operator.STORE_AFTER_DRAIN, c, method, m, i, target, seen, f.line(i), start, to, false,
                        "moved the store of " + target + " after " + called(f, drain) + " (line " + f.line(drain) + ")"));
            }
        }
        int lock = previousLock(f, start);
        int unlock = lock < 0 ? -1 : next(f, i, false);
        if (unlock >= 0) {
            int to = f.nextStatement(unlock);
            if (straight(f, i, to)) {
                out.add(mutant(Operator.STORE_OUTSIDE_LOCK, c, method, m, i, target, seen, f.line(i), start, to, false,
                        "moved the store of " + target + " after " + called(f, unlock) + " (line " + f.line(unlock) + ")"));
            }
        }
    }

    /**
     * True if control always falls from the store at {@code i} to {@code to} (no merge between, no
     * loop around the destination that the store is not in), so that the moved store runs exactly
     * when the drain or unlock before {@code to} ran.
     */
    private static boolean straight(MethodFacts f, int i, int to) {
        return to > i && !f.entered(i, to) && (!f.inLoop(to) || f.inLoop(i));
    }

    /** The next draining call (or unlocking call) after {@code i} in the method, or -1. */
    private static int next(MethodFacts f, int i, boolean drain) {
        for (int j = i + 1; j < f.size(); j++) {
            if (f.insn(j) instanceof MethodInsnNode mi && Calls.mutable(mi.owner)) {
                if (drain ? Calls.drains(mi.name) : Calls.unlocks(mi.name)) {
                    return j;
                }
                if (!drain && Calls.locks(mi.name)) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** The lock call before {@code i} with no unlock between, or -1. */
    private static int previousLock(MethodFacts f, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (f.insn(j) instanceof MethodInsnNode mi && Calls.mutable(mi.owner)) {
                if (Calls.unlocks(mi.name)) {
                    return -1;
                }
                if (Calls.locks(mi.name)) {
                    return j;
                }
            }
        }
        return -1;
    }

    private static String called(MethodFacts f, int i) {
        MethodInsnNode mi = (MethodInsnNode) f.insn(i);
        return Mutant.simpleName(mi.owner) + "." + mi.name;
    }

    private static String stored(AbstractInsnNode n) {
        if (n instanceof FieldInsnNode fi) {
            return Mutant.simpleName(fi.owner) + "." + fi.name;
        }
        MethodInsnNode mi = (MethodInsnNode) n;
        return Mutant.simpleName(mi.owner) + "." + mi.name;
    }

    /**
     * Which way a dropped check goes: a null check always goes on as if the value were there (the
     * use is a dereference); any other check whose fall-through is an early return always jumps
     * past it, and otherwise falls through into the code it guards.
     */
    private static boolean towardsTheUse(MethodFacts f, int i, JumpInsnNode j) {
        if (j.getOpcode() == Opcodes.IFNULL) {
            return false;
        }
        if (j.getOpcode() == Opcodes.IFNONNULL) {
            return true;
        }
        return f.bailsOut(i + 1);
    }

    /** What a branch tests: the call, field or local whose value it looks at (past a comparison with a constant). */
    private static String tested(MethodFacts f, int i) {
        int p = f.previousReal(i);
        while (p >= 0 && (comparison(f.insn(p).getOpcode()) || constant(f.insn(p).getOpcode()))) {
            p = f.previousReal(p);
        }
        AbstractInsnNode n = p < 0 ? null : f.insn(p);
        if (n instanceof MethodInsnNode mi) {
            return Mutant.simpleName(mi.owner) + "." + mi.name;
        }
        if (n instanceof FieldInsnNode fi) {
            return Mutant.simpleName(fi.owner) + "." + fi.name;
        }
        if (n instanceof VarInsnNode v) {
            return f.localName(v.var, p);
        }
        return "value";
    }

    private static boolean nullCheck(JumpInsnNode j) {
        return j.getOpcode() == Opcodes.IFNULL || j.getOpcode() == Opcodes.IFNONNULL;
    }

    private static boolean comparison(int op) {
        return op >= Opcodes.LCMP && op <= Opcodes.DCMPG;
    }

    private static boolean constant(int op) {
        return op >= Opcodes.ACONST_NULL && op <= Opcodes.LDC;
    }

    private static boolean conditional(int op) {
        return op >= Opcodes.IFEQ && op <= Opcodes.IF_ACMPNE || op == Opcodes.IFNULL || op == Opcodes.IFNONNULL;
    }

    /**
     * A branch javac wrote, not the author: an {@code assert}'s test of {@code $assertionsDisabled},
     * or try-with-resources' {@code if (r != null) r.close()}.
     */
    private static boolean synthetic(MethodFacts f, int i) {
        int p = f.previousReal(i);
        if (p < 0) {
            return false;
        }
        if (f.insn(p) instanceof FieldInsnNode fi && fi.name.equals("$assertionsDisabled")) {
            return true;
        }
        JumpInsnNode j = (JumpInsnNode) f.insn(i);
        if (!(f.insn(p) instanceof VarInsnNode v) || v.getOpcode() != Opcodes.ALOAD
                || j.getOpcode() != Opcodes.IFNULL && j.getOpcode() != Opcodes.IFNONNULL) {
            return false;
        }
        int nonNull = j.getOpcode() == Opcodes.IFNULL ? f.nextReal(i) : f.nextReal(f.index(j.label));
        int call = nonNull < 0 ? -1 : f.nextReal(nonNull);
        return call >= 0 && f.insn(nonNull) instanceof VarInsnNode load && load.var == v.var
                && f.insn(call) instanceof MethodInsnNode close && close.name.equals("close") && close.desc.equals("()V");
    }

    /** A branch on whether a fallible step failed ({@link FaultSteps}): forcing it turns fault injection off. */
    private static boolean onAFaultStep(MethodFacts f, int i, Predicate<MethodInsnNode> faultStep) {
        int p = f.previousReal(i);
        return p >= 0 && f.insn(p) instanceof MethodInsnNode mi && faultStep.test(mi);
    }

    private static boolean overloaded(ClassNode c, String name) {
        return c.methods.stream().filter(x -> x.name.equals(name)).count() > 1;
    }

    private static Mutant mutant(Operator op, ClassNode c, String method, MethodNode m, int index, String target,
                                 Map<String, Integer> seen, int line, int start, int destination, boolean jump, String detail) {
        int n = seen.merge(op.id() + " " + target, 1, Integer::sum);
        return new Mutant(op, c.name, method, m.desc, index, target, n, line, start, destination, jump, detail);
    }
}
