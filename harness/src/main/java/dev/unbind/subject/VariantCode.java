package dev.unbind.subject;

import dev.unbind.code.CodeLocations;
import dev.unbind.code.SourceFile;
import dev.unbind.code.SourceLine;
import dev.unbind.kernel.Kernel;
import dev.unbind.sched.Kernels;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The code a variant is made of, found from the variant itself: its model is built on a kernel
 * of its own and the objects it holds are followed (within the family's package) to their classes.
 * The classes that are not {@link dev.unbind.code.Core} and carry {@code // FIX:} or
 * {@code // BUG:} marks in their own bodies are the variant's code; their marks say what the fix
 * changes and where its defects are.
 */
public final class VariantCode {
    private static final int DEPTH = 8;
    private static final int MAX_OBJECTS = 20_000;

    private VariantCode() {
    }

    /** The marked lines of the variant's own classes, in the order the classes were reached. */
    public static List<SourceLine> marks(Family<?> family, Variant<?> variant) {
        List<SourceLine> out = new ArrayList<>();
        for (Class<?> c : classes(family, variant)) {
            if (CodeLocations.isCore(c)) {
                continue;
            }
            String name = c.getName().substring(c.getPackageName().length() + 1).replace('$', '.');
            SourceFile.of(c).ifPresent(s -> out.addAll(s.marksOf(name)));
        }
        return out;
    }

    private static void push(Deque<Object[]> todo, Object v, int depth) {
        if (v != null && !(v instanceof String) && !(v instanceof Number) && !(v instanceof Class<?>)) {
            todo.add(new Object[] {v, depth + 1});
        }
    }

    /**
     * A model of the variant, probed and opened by the family's read side (many drivers create
     * their state only at probe), or null when it cannot even be built. What the read side then
     * does is of no interest here.
     */
    private static <M> Object built(Family<M> family, Variant<?> variant) {
        Kernel k = Kernels.onThreadsBuilder().traceCapacity(16).build();
        M model;
        try {
            model = family.variant(variant.id()).create().apply(k);
        } catch (RuntimeException | Error e) {
            return null;
        }
        try {
            family.readSide().prepare().apply(k, model);
        } catch (RuntimeException | Error e) {
            // a variant whose read side breaks: the model built so far still shows its classes
        }
        return model;
    }

    /** The names of the family's points declared in core code: the kernel's, and those of {@link dev.unbind.code.Core} classes. */
    public static Set<String> corePoints(Family<?> family) {
        Set<Class<?>> all = new LinkedHashSet<>();
        family.variants().forEach(v -> all.addAll(classes(family, v)));
        all.add(dev.unbind.kernel.KernelPoints.class);
        Set<String> out = new java.util.HashSet<>();
        for (Class<?> c : all) {
            if (CodeLocations.isCore(c)) {
                dev.unbind.kernel.Point.declaredIn(c).forEach(p -> out.add(p.name()));
            }
        }
        return out;
    }

    private static final java.util.Map<String, Set<Class<?>>> CLASSES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The family's classes reachable from a freshly built model of the variant (found once per variant). */
    static Set<Class<?>> classes(Family<?> family, Variant<?> variant) {
        return CLASSES.computeIfAbsent(family.getClass().getName() + "/" + variant.id(), k -> walk(family, variant));
    }

    private static Set<Class<?>> walk(Family<?> family, Variant<?> variant) {
        Object model = built(family, variant);
        if (model == null) {
            return Set.of();
        }
        String pkg = family.getClass().getPackageName() + ".";
        Set<Class<?>> out = new LinkedHashSet<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> todo = new ArrayDeque<>();
        todo.add(new Object[] {model, 0});
        while (!todo.isEmpty() && seen.size() < MAX_OBJECTS) {
            Object[] next = todo.poll();
            Object o = next[0];
            int depth = (int) next[1];
            if (!seen.add(o)) {
                continue;
            }
            Class<?> c = o.getClass();
            if (!c.isHidden() && c.getName().startsWith(pkg)) { // a lambda is walked through, not counted
                out.add(c);
            }
            if (depth >= DEPTH) {
                continue;
            }
            if (o instanceof Iterable<?> it) {
                it.forEach(x -> push(todo, x, depth));
            } else if (o instanceof java.util.Map<?, ?> m) {
                m.values().forEach(x -> push(todo, x, depth));
            } else if (o instanceof Object[] a) {
                for (Object x : a) {
                    push(todo, x, depth);
                }
            } else if (o.getClass().getName().startsWith("dev.unbind.")) {
                for (Class<?> k2 = o.getClass(); k2 != null && k2 != Object.class; k2 = k2.getSuperclass()) {
                    for (Field f : k2.getDeclaredFields()) {
                        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                            continue;
                        }
                        try {
                            f.setAccessible(true);
                            push(todo, f.get(o), depth);
                        } catch (ReflectiveOperationException | RuntimeException e) {
                            // a field that cannot be read says nothing about the variant
                        }
                    }
                }
            }
        }
        return out;
    }
}
