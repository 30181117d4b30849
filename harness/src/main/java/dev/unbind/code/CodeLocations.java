package dev.unbind.code;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where in model code something happens: the frames of subject code on a stack, innermost first,
 * the simulated kernel, the schedulers and the JDK passed over. It plays the part of the stack
 * trace in a KASAN report ({@code use-after-free in DisplayDriver.readHpd}).
 *
 * <p>A walk costs a few microseconds, so the kernel takes one only where a site is recorded for
 * later (a free) or a finding is reported, never on a plain access.
 */
public final class CodeLocations {
    /** Frames kept per site: enough to see the driver function and the core path that called it. */
    public static final int DEPTH = 6;

    private enum Role { PASS, STOP, MODEL }

    /** What a class is to a walk, computed once per class. */
    private record Facts(Role role, String name, String source, boolean core) {
    }

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final ClassValue<Facts> FACTS = new ClassValue<>() {
        @Override
        protected Facts computeValue(Class<?> c) {
            return facts(c);
        }
    };
    private static final Map<String, Optional<Class<?>>> BY_NAME = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.LongAdder WALKS = new java.util.concurrent.atomic.LongAdder();

    private CodeLocations() {
    }

    /** The model-code frames of the calling thread, up to {@link #DEPTH}. */
    public static List<Frame> here() {
        WALKS.increment();
        return WALKER.walk(s -> collect(s.iterator(), DEPTH));
    }

    /** Stacks walked so far in this JVM, of either kind: what keeps a caller's count of its walks honest. */
    public static long walks() {
        return WALKS.sum();
    }

    /**
     * The innermost functions only (two frames): for sites kept for later on every run (an
     * allocation, a free), where a walk must stay cheap. The walk stops there.
     */
    public static List<Frame> brief() {
        WALKS.increment();
        return WALKER.walk(s -> collect(s.iterator(), 2));
    }

    /**
     * The model-code frames of another thread, now (the actor inside an access when someone frees
     * under it, an actor blocked in a hang). Empty when the thread is gone.
     */
    public static List<Frame> of(Thread t) {
        if (t == null || !t.isAlive()) {
            return List.of();
        }
        if (t == Thread.currentThread()) {
            return here();
        }
        WALKS.increment();
        Iterator<Raw> raw = Stream.of(t.getStackTrace()).map(e -> (Raw) new Raw() {
            @Override
            public Facts facts() {
                return byName(e.getClassName()).map(FACTS::get).orElse(UNKNOWN);
            }

            @Override
            public String method() {
                return e.getMethodName();
            }

            @Override
            public String file() {
                return e.getFileName();
            }

            @Override
            public int line() {
                return e.getLineNumber();
            }
        }).iterator();
        return collect(raw, DEPTH);
    }

    /** A frame of either kind of stack, its names resolved only when it is kept. */
    private interface Raw {
        Facts facts();

        String method();

        String file();

        int line();

        default Frame frame(boolean core) {
            Facts f = facts();
            String source = f.source.isEmpty() ? (file() == null ? "" : file()) : f.source;
            return new Frame(f.name + "." + method(), source, Math.max(0, line()), core);
        }
    }

    private static final Facts UNKNOWN = new Facts(Role.PASS, "", "", false);

    private static List<Frame> collect(Iterator<? extends Object> stack, int depth) {
        List<Frame> out = new ArrayList<>(depth);
        boolean model = false;
        while (stack.hasNext() && out.size() < depth) {
            Object next = stack.next();
            Raw r = next instanceof StackWalker.StackFrame f ? live(f) : (Raw) next;
            Facts facts = r.facts();
            if (facts.role == Role.STOP) {
                break;
            }
            if (facts.role == Role.MODEL) {
                model = true;
                out.add(r.frame(facts.core));
            } else if (facts.name.startsWith("kernel.")) {
                boolean onBehalf = facts.name.startsWith("kernel.device.") || facts.name.startsWith("kernel.fs.");
                if (!model && onBehalf && out.size() + 1 < depth && !r.method().startsWith("lambda$")) {
                    out.add(r.frame(true)); // the kernel acting for a driver (devres): shown above the driver
                }
            }
        }
        return model ? List.copyOf(out) : List.of(); // no model code on the stack: nothing to name
    }

    private static Raw live(StackWalker.StackFrame f) {
        return new Raw() {
            @Override
            public Facts facts() {
                return FACTS.get(f.getDeclaringClass());
            }

            @Override
            public String method() {
                return f.getMethodName();
            }

            @Override
            public String file() {
                return f.getFileName();
            }

            @Override
            public int line() {
                return f.getLineNumber();
            }
        };
    }

    private static Optional<Class<?>> byName(String name) {
        return BY_NAME.computeIfAbsent(name, (Function<String, Optional<Class<?>>>) n -> {
            try {
                return Optional.of(Class.forName(n, false, CodeLocations.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.empty();
            }
        });
    }

    private static Facts facts(Class<?> c) {
        String n = c.getName();
        Role role = n.startsWith("dev.unbind.engine.") || n.startsWith("dev.unbind.cli.")
                || n.startsWith("org.jetbrains.") || n.startsWith("org.openjdk.") || n.startsWith("org.junit.")
                ? Role.STOP : infrastructure(n) ? Role.PASS : Role.MODEL;
        String simple = n.substring(c.getPackageName().isEmpty() ? 0 : c.getPackageName().length() + 1).replace('$', '.');
        String name = n.startsWith("dev.unbind.kernel.") ? "kernel." + n.substring("dev.unbind.kernel.".length()).replace('$', '.')
                : simple;
        return new Facts(role, name, role == Role.MODEL || name.startsWith("kernel.") ? SourceRoot.sourceOf(c).orElse("") : "",
                isCore(c));
    }

    /** The JDK and the harness's own machinery: passed over, never model code. */
    private static boolean infrastructure(String n) {
        for (String p : INFRASTRUCTURE) {
            if (n.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] INFRASTRUCTURE = {"java.", "jdk.", "sun.", "kotlin.", "dev.unbind.kernel.",
        "dev.unbind.sched.", "dev.unbind.fault.", "dev.unbind.finding.", "dev.unbind.code.", "dev.unbind.subject.",
        "dev.unbind.result."};

    /** A class is core when it, or a class it is nested in, carries {@link Core}, or it is the simulated kernel. */
    public static boolean isCore(Class<?> c) {
        if (c.getName().startsWith("dev.unbind.kernel.")) {
            return true;
        }
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (k.isAnnotationPresent(Core.class)) {
                return true;
            }
        }
        return false;
    }
}
