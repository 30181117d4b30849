package dev.unbind.engine.lincheck;

import dev.unbind.subject.LincheckRace;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.Operation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hand-written Lincheck scenario over a facade's {@code @Operation} methods, written in Java
 * (Lincheck's scenario DSL wants Kotlin function references):
 * <pre>{@code
 * CustomScenario.of(Facade.class)
 *         .parallel(List.of(op("ioctl", GET_PARAM)), List.of(op("remove")))
 *         .build();
 * }</pre>
 * Lincheck adds the facade's {@code @Validate} function itself.
 */
public final class CustomScenario {
    private final Class<?> facade;
    private final List<Actor> initial = new ArrayList<>();
    private final List<List<Actor>> parallel = new ArrayList<>();
    private final List<Actor> post = new ArrayList<>();

    /** One operation call: the method name and its arguments. */
    public record Call(String method, List<Object> args) {
        @Override
        public String toString() {
            return method + args.toString().replace('[', '(').replace(']', ')');
        }
    }

    private CustomScenario(Class<?> facade) {
        this.facade = facade;
    }

    public static CustomScenario of(Class<?> facade) {
        return new CustomScenario(facade);
    }

    public static Call op(String method, Object... args) {
        return new Call(method, Arrays.asList(args));
    }

    /** A scenario's pinned Lincheck spelling over {@code facade}'s operations. */
    public static ExecutionScenario of(Class<?> facade, LincheckRace race) {
        CustomScenario s = of(facade);
        race.initial().forEach(c -> s.initial.add(s.actor(new Call(c.method(), c.args()))));
        for (List<LincheckRace.Call> thread : race.threads()) {
            List<Actor> actors = new ArrayList<>();
            thread.forEach(c -> actors.add(s.actor(new Call(c.method(), c.args()))));
            s.parallel.add(actors);
        }
        race.post().forEach(c -> s.post.add(s.actor(new Call(c.method(), c.args()))));
        return s.build();
    }

    /** Calls made before the threads start, on one thread. */
    public CustomScenario initial(Call... calls) {
        for (Call c : calls) {
            initial.add(actor(c));
        }
        return this;
    }

    /** The concurrent part: one list of calls per thread. */
    @SafeVarargs
    public final CustomScenario parallel(List<Call>... threads) {
        for (List<Call> t : threads) {
            List<Actor> actors = new ArrayList<>();
            for (Call c : t) {
                actors.add(actor(c));
            }
            parallel.add(actors);
        }
        return this;
    }

    /** Calls made after every thread finished, on one thread. */
    public CustomScenario post(Call... calls) {
        for (Call c : calls) {
            post.add(actor(c));
        }
        return this;
    }

    public ExecutionScenario build() {
        if (parallel.isEmpty()) {
            throw new IllegalStateException("a scenario needs a parallel part");
        }
        return new ExecutionScenario(List.copyOf(initial), List.copyOf(parallel), List.copyOf(post), null);
    }

    private Actor actor(Call c) {
        Method m = operation(c);
        Operation op = m.getAnnotation(Operation.class);
        return new Actor(m, List.copyOf(c.args()), false, op != null && op.blocking());
    }

    private Method operation(Call c) {
        for (Method m : facade.getMethods()) {
            if (m.getName().equals(c.method()) && m.getParameterCount() == c.args().size()
                    && m.isAnnotationPresent(Operation.class) && accepts(m.getParameterTypes(), c.args())) {
                return m;
            }
        }
        throw new IllegalArgumentException(facade.getSimpleName() + " has no @Operation " + c);
    }

    private static boolean accepts(Class<?>[] types, List<Object> args) {
        for (int i = 0; i < types.length; i++) {
            Object a = args.get(i);
            if (a != null && !box(types[i]).isInstance(a)) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return switch (t.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            case "float" -> Float.class;
            default -> Double.class;
        };
    }
}
