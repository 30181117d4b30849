package dev.unbind.fault;

/** Something that happens at a point, as if another part of the system acted right then. */
public enum EventKind {
    /** The device is unbound now (sysfs unbind / hot-unplug): a new actor runs the remove path. */
    UNBIND("unbind"),
    /** The module is unloaded now (rmmod): a new actor runs the unload path. */
    UNLOAD("unload"),
    /** A fatal signal is delivered to an actor (the target, or the actor at the point). */
    SIGNAL("signal"),
    /** The hardware is gone: reads return all-ones, the device stops raising events. */
    HW_GONE("hw-gone");

    private final String word;

    EventKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static EventKind parse(String word) {
        for (EventKind k : values()) {
            if (k.word.equals(word)) {
                return k;
            }
        }
        return null;
    }
}
