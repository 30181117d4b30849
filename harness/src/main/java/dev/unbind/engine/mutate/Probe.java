package dev.unbind.engine.mutate;

/**
 * The calls coverage probes make. {@link Instrumenter} writes them into the classes of a family
 * loaded for coverage; nothing else calls them. They record into the coverage being collected
 * (one at a time: coverage runs are sequential) and cost a field read when none is.
 */
public final class Probe {
    private static volatile Coverage current;

    private Probe() {
    }

    /** A method was entered. */
    public static void method(int id) {
        Coverage c = current;
        if (c != null) {
            c.method(id);
        }
    }

    /** A constructor finished: {@code self} is the object built, of its runtime class. */
    public static void object(Object self) {
        Coverage c = current;
        if (c != null) {
            c.object(self.getClass().getName());
        }
    }

    /** A mutation site is about to run. */
    public static void site(int id) {
        Coverage c = current;
        if (c != null) {
            c.site(id);
        }
    }

    /** Runs {@code body} with the probes recording into {@code into}. */
    static void during(Coverage into, Runnable body) {
        current = into;
        try {
            body.run();
        } finally {
            current = null;
        }
    }
}
