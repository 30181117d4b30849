package dev.unbind.engine.mutate;

import dev.unbind.engine.explore.ExploreOptions;
import dev.unbind.engine.explore.Explorer;
import dev.unbind.result.Catalogue;
import dev.unbind.result.ResultSink;
import dev.unbind.subject.Family;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which code of a family is its unchanged core and which is one variant's own, derived by
 * running every variant with coverage probes instead of kept by hand:
 * <ul>
 *   <li>a variant <em>uses</em> a class when its runs build an object of it or enter one of its
 *       methods other than a constructor (so a superclass whose methods a variant overrides
 *       all is not used by it); an anonymous or local class counts for the class it is in;</li>
 *   <li>the <em>core</em> is what every variant of the family uses: the model, the scenarios,
 *       the unchanged kernel core and driver (drm's DrmCore and DisplayDriver, uio's UioCore
 *       and the mainline uio core every variant extends). The harness kernel is never loaded
 *       into the family's loader, so it is core by construction;</li>
 *   <li>a variant's <em>own code</em> is every class it uses that is not core, and in it the
 *       methods it can run: those its runs entered, the others it inherits (a method a subclass
 *       it uses overrides is not its code), and the private methods and lambda bodies those
 *       refer to. Enums and records declare data, not code: they are never a variant's own.</li>
 * </ul>
 * A family with a single variant has nothing of its own to mutate by this rule.
 */
final class FamilyCode {
    private final CodeMap map;
    private final Map<String, Coverage> byVariant;
    private final Set<String> core;

    private FamilyCode(CodeMap map, Map<String, Coverage> byVariant) {
        this.map = map;
        this.byVariant = byVariant;
        Set<String> all = null;
        for (String v : byVariant.keySet()) {
            Set<String> used = used(v);
            if (all == null) {
                all = new TreeSet<>(used);
            } else {
                all.retainAll(used);
            }
        }
        this.core = all == null ? Set.of() : Set.copyOf(all);
    }

    /** Runs every variant of {@code instrumented} (loaded with {@link Instrumenter} over {@code map}) under {@code options}. */
    static FamilyCode derive(Family<?> instrumented, CodeMap map, ExploreOptions options, long seed) {
        Catalogue catalogue = Catalogue.of(Subjects.of(List.of(instrumented)));
        Map<String, Coverage> byVariant = new LinkedHashMap<>();
        for (Variant<?> v : instrumented.variants()) {
            Coverage c = new Coverage();
            Probe.during(c, () -> new Explorer(options, catalogue, ResultSink.NONE).explore(instrumented, v, seed));
            byVariant.put(v.id(), c);
        }
        return new FamilyCode(map, byVariant);
    }

    /** The core: named classes (internal names) every variant uses. */
    Set<String> core() {
        return new TreeSet<>(core);
    }

    /** The named classes {@code variant} uses that are not core, enums and records (data, not code) left out. */
    Set<String> own(String variant) {
        Set<String> out = new TreeSet<>(used(variant));
        out.removeAll(core);
        out.removeIf(c -> map.type(c) != null && map.type(c).data());
        return out;
    }

    /** The named classes a variant uses (see the class comment). */
    private Set<String> used(String variant) {
        Set<String> out = new TreeSet<>();
        for (String c : usedDirectly(variant)) {
            out.add(map.named(c));
        }
        return out;
    }

    /** Classes (anonymous ones by their own name) with an object built or a non-constructor method entered. */
    private Set<String> usedDirectly(String variant) {
        Coverage c = byVariant.get(variant);
        Set<String> out = new TreeSet<>();
        BitSet entered = c.methods();
        for (int id = entered.nextSetBit(0); id >= 0; id = entered.nextSetBit(id + 1)) {
            CodeMap.MethodInfo m = map.method(id);
            if (m != null && !m.name().equals("<init>") && !m.name().equals("<clinit>")) {
                out.add(m.owner());
            }
        }
        for (String binary : c.objects()) {
            String internal = binary.replace('.', '/');
            if (map.type(internal) != null) {
                out.add(internal);
            }
        }
        return out;
    }

    /** The methods of {@code variant}'s own code, class by class in name order, each in declaration order. */
    List<CodeMap.MethodInfo> ownMethods(String variant) {
        Coverage cov = byVariant.get(variant);
        Set<String> own = own(variant);
        Set<String> direct = usedDirectly(variant);
        List<CodeMap.MethodInfo> out = new ArrayList<>();
        for (CodeMap.ClassInfo c : map.classes()) {
            boolean named = c.name().equals(c.named());
            if (!own.contains(map.named(c.name())) || !named && !direct.contains(c.name())) {
                continue;
            }
            Set<String> included = new LinkedHashSet<>();
            for (CodeMap.MethodInfo m : c.methods()) {
                if (!runnable(m)) {
                    continue;
                }
                if (cov.entered(m.id()) || !nonVirtual(m) && !overridden(c, m, direct)) {
                    included.add(m.signature());
                }
            }
            for (boolean grew = true; grew; ) {
                grew = false;
                for (CodeMap.MethodInfo m : c.methods()) {
                    if (included.contains(m.signature())) {
                        for (String r : m.refers()) {
                            CodeMap.MethodInfo target = c.methods().stream().filter(x -> x.signature().equals(r))
                                    .findFirst().orElse(null);
                            boolean dispatchedElsewhere = target != null && !nonVirtual(target) && overridden(c, target, direct);
                            if (target != null && runnable(target) && !dispatchedElsewhere && included.add(r)) {
                                grew = true;
                            }
                        }
                    }
                }
            }
            for (CodeMap.MethodInfo m : c.methods()) {
                if (included.contains(m.signature())) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** A constructor, a static or a private method: a call of it runs this code, whatever the object. */
    private static boolean nonVirtual(CodeMap.MethodInfo m) {
        return m.name().equals("<init>") || (m.access() & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) != 0;
    }

    private static boolean runnable(CodeMap.MethodInfo m) {
        int skip = Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE
                | Opcodes.ACC_BRIDGE;
        return (m.access() & skip) == 0 && !m.name().equals("<clinit>");
    }

    /** True if a class the variant uses extends {@code c} and it, or a class between, declares {@code m} again. */
    private boolean overridden(CodeMap.ClassInfo c, CodeMap.MethodInfo m, Set<String> direct) {
        for (String d : direct) {
            if (d.equals(c.name()) || !map.extendsOrIs(d, c.name())) {
                continue;
            }
            for (CodeMap.ClassInfo x = map.type(d); x != null && !x.name().equals(c.name()); x = map.type(x.superName())) {
                CodeMap.MethodInfo again = x.declared(m.name(), m.desc());
                if (again != null && runnable(again)) {
                    return true;
                }
            }
        }
        return false;
    }
}
