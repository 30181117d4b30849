package dev.unbind.kernel;

import dev.unbind.fault.PointGlob;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named point in model code: a place where the controlled scheduler may switch actors, where
 * faults (delays, events) can be injected, and which appears in witnesses.
 *
 * <p>Points are named for <em>where</em> they are ({@code drm.ioctl.after-unplugged-check}), declared
 * once as {@code static final} constants in the subject file, and placed inline with
 * {@link Kernel#at(Point)} or, for fallible steps, {@link Kernel#fails(Point)}.
 *
 * <p>Rules:
 * <ol>
 *   <li>A {@link Type#FALLIBLE} point is a step that can fail (allocation, registration, init); the
 *       model must handle the failure path exactly as the C code does.</li>
 *   <li>A {@link Type#WINDOW} point sits inside a race window; {@link #racingWith()} names the
 *       operations of the other side, so the stress engine can count how often the window was
 *       reached while that side was in flight. {@link #guarding(String)} names the objects whose
 *       lifetime the window races with, so that only a finding on one of them counts as the window
 *       turning into a bug.</li>
 *   <li>Passing a point costs a trace append and two field reads when nothing is armed.</li>
 * </ol>
 */
public final class Point {
    /** What kind of place a point marks. */
    public enum Type { STEP, WINDOW, FALLIBLE }

    private final String name;
    private final Type type;
    private final Set<String> racingWith;
    private final String guarded;

    private Point(String name, Type type, Set<String> racingWith, String guarded) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.racingWith = racingWith;
        this.guarded = guarded;
        if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("point names have no blanks: '" + name + "'");
        }
    }

    /** A plain step: a switch point that also marks progress in witnesses. */
    public static Point step(String name) {
        return new Point(name, Type.STEP, Set.of(), "");
    }

    /** A race window; {@code racingWith} are the operation names of the other side. */
    public static Point window(String name, String... racingWith) {
        return new Point(name, Type.WINDOW, java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(List.of(racingWith))), "");
    }

    /** A step that can fail; fail rules and fail-nth only ever fire here. */
    public static Point fallible(String name) {
        return new Point(name, Type.FALLIBLE, Set.of(), "");
    }

    /**
     * This window, naming the objects it guards: globs over the object types of findings
     * ({@code daq|mmio}, {@code module *}, {@code fence no daq fop*}), separated by {@code |}.
     */
    public Point guarding(String objects) {
        if (type != Type.WINDOW) {
            throw new IllegalArgumentException(name + " is not a race window");
        }
        if (objects == null || objects.isBlank()) {
            throw new IllegalArgumentException(name + ": name the objects the window guards");
        }
        return new Point(name, type, racingWith, objects.strip());
    }

    /** The globs of {@link #guarding(String)}, "" when none were declared. */
    public String guarded() {
        return guarded;
    }

    /** Does this window guard objects of this type? Any type, when the window declares none. */
    public boolean guards(String objectType) {
        if (guarded.isEmpty()) {
            return true;
        }
        for (String g : guarded.split("\\|")) {
            if (!g.isBlank() && new PointGlob(g.strip()).matches(objectType)) {
                return true;
            }
        }
        return false;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public boolean isFallible() {
        return type == Type.FALLIBLE;
    }

    public Set<String> racingWith() {
        return racingWith;
    }

    /** Every {@code static final Point} constant declared by {@code holder}, in declaration order. */
    public static List<Point> declaredIn(Class<?> holder) {
        List<Point> points = new ArrayList<>();
        for (Field f : holder.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == Point.class) {
                try {
                    f.setAccessible(true);
                    points.add((Point) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read point " + f, e);
                }
            }
        }
        return points;
    }

    @Override
    public String toString() {
        return name;
    }
}
