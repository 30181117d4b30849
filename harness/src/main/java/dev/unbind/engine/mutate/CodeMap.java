package dev.unbind.engine.mutate;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The classes of one family as {@link Instrumenter} loaded them: each method with its probe id,
 * the mutants found in it (each with its site id), and the methods of its own class it calls or
 * refers to. Filled as classes load, so it holds exactly the classes some run needed.
 */
final class CodeMap {
    /**
     * A class: its superclass, the named class it belongs to (itself, or the class an anonymous or
     * local class is in), and whether it only declares data (an enum or a record).
     */
    record ClassInfo(String name, String superName, String named, boolean data, List<MethodInfo> methods) {
        MethodInfo declared(String method, String desc) {
            return methods.stream().filter(m -> m.name().equals(method) && m.desc().equals(desc)).findFirst().orElse(null);
        }
    }

    /** A method; {@code refers} are name+desc of the methods of its own class it calls or takes a handle of. */
    record MethodInfo(int id, String owner, String name, String desc, int access, List<Site> sites, Set<String> refers) {
        String signature() {
            return name + desc;
        }
    }

    /** A mutation site: where the probe {@code id} sits, and the mutant made there. */
    record Site(int id, Mutant mutant) {
    }

    private final Map<String, ClassInfo> classes = new TreeMap<>();
    private final Map<Integer, MethodInfo> methods = new TreeMap<>();
    private int methodIds;
    private int siteIds;

    /** Reserves {@code n} consecutive method ids; returns the first. */
    synchronized int reserveMethods(int n) {
        int first = methodIds;
        methodIds += n;
        return first;
    }

    synchronized int nextSiteId() {
        return siteIds++;
    }

    synchronized void add(ClassInfo c) {
        classes.put(c.name(), c);
        for (MethodInfo m : c.methods()) {
            methods.put(m.id(), m);
        }
    }

    synchronized MethodInfo method(int id) {
        return methods.get(id);
    }

    synchronized ClassInfo type(String internalName) {
        return classes.get(internalName);
    }

    /** Every class loaded so far, by internal name. */
    synchronized Collection<ClassInfo> classes() {
        return List.copyOf(classes.values());
    }

    /** The named class {@code internalName} belongs to (itself if it is named or unknown). */
    synchronized String named(String internalName) {
        String n = internalName;
        for (ClassInfo c = classes.get(n); c != null && !c.named().equals(n); c = classes.get(n)) {
            n = c.named();
        }
        return n;
    }

    /** True if {@code sub} is {@code sup} or extends it, through classes of this family. */
    synchronized boolean extendsOrIs(String sub, String sup) {
        for (String c = sub; c != null; ) {
            if (c.equals(sup)) {
                return true;
            }
            ClassInfo info = classes.get(c);
            c = info == null ? null : info.superName();
        }
        return false;
    }
}
