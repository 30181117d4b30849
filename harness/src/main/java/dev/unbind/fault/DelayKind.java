package dev.unbind.fault;

/** How a delay widens a window on real threads. Under the controlled scheduler delays are moot. */
public enum DelayKind {
    /** Busy-spin this many iterations of {@link Thread#onSpinWait()}. */
    SPIN("spin"),
    /** Call {@link Thread#yield()} this many times. */
    YIELD("yield"),
    /** Park for this many nanoseconds. */
    PARK("park");

    private final String word;

    DelayKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static DelayKind parse(String word) {
        for (DelayKind k : values()) {
            if (k.word.equals(word)) {
                return k;
            }
        }
        return null;
    }
}
