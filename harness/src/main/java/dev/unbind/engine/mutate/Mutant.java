package dev.unbind.engine.mutate;

/**
 * One mutant: an operator applied at one instruction of one method of a variant's code.
 *
 * <p>{@link #key()} names it by what it changes rather than by line: the operator, the method,
 * what the instruction calls, stores or tests, and which occurrence of that in the method it
 * is ({@code remove-drain DrmSubject$Quiesced.remove Srcu.synchronize#1}). The key stays the
 * same when unrelated lines move, so data about a mutant (an equivalence and its reason) can
 * name it.
 *
 * @param owner       the class's internal name ({@code dev/unbind/subjects/drm/DrmSubject$Quiesced})
 * @param method      the method's name
 * @param desc        the method's descriptor
 * @param index       the instruction mutated (a call, a store, a branch), by index in the method
 * @param target      what it calls, stores or tests ({@code Srcu.synchronize}, {@code DrmDevice.unplugged})
 * @param occurrence  1 for the first such instruction of this operator and target in the method, 2 for the next...
 * @param line        its source line
 * @param regionStart for a moved store, the first instruction of the store statement; else -1
 * @param destination for a moved store, the instruction it is moved in front of; else -1
 * @param jump        for a dropped check, whether the branch is always taken (else never); unused otherwise
 * @param detail      what the mutant does, for a reader
 */
public record Mutant(Operator operator, String owner, String method, String desc, int index, String target,
                     int occurrence, int line, int regionStart, int destination, boolean jump, String detail) {

    /** The stable name: operator, Class.method, target#occurrence. */
    public String key() {
        return operator.id() + " " + simpleName(owner) + "." + method + " " + target + "#" + occurrence;
    }

    /** The class's name inside its package ({@code DrmSubject$Quiesced}). */
    public String className() {
        return simpleName(owner);
    }

    /** The class's binary name ({@code dev.unbind.subjects.drm.DrmSubject$Quiesced}). */
    public String binaryName() {
        return owner.replace('/', '.');
    }

    static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }
}
