package dev.unbind.kernel;

/**
 * What a blocked actor waits for. Blocking primitives never park invisibly: they hand the
 * scheduler a condition it can evaluate and a description for hang reports.
 *
 * <p>{@link #ready()} must be side-effect free and cheap; schedulers may call it from another
 * thread while the waiter is suspended.
 */
public interface Wait {
    boolean ready();

    /** For hang reports: {@code mutex_lock(misc_mtx) held by remover}. */
    String what();

    static Wait of(String what, java.util.function.BooleanSupplier ready) {
        return new Wait() {
            @Override
            public boolean ready() {
                return ready.getAsBoolean();
            }

            @Override
            public String what() {
                return what;
            }
        };
    }
}
