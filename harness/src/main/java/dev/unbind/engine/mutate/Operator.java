package dev.unbind.engine.mutate;

/**
 * The mutation operators, aimed at what a teardown fix adds: the waits that drain other actors,
 * the references that keep memory alive, the wake-ups that let sleepers leave, the dead flags
 * and where they are stored, and the checks in front of a use. Each applies to a call site,
 * store or branch in a variant's own code; {@link Calls} says which callee names count as what.
 */
public enum Operator {
    /** A call that waits for or stops others goes: synchronize, wait, flush, cancel, kill, drain, unplug, revoke, a mapping zap. */
    REMOVE_DRAIN("remove-drain", "removed a call that waits for or stops others"),
    /** A reference get or put goes; a try-get then "succeeds" without taking anything. */
    REMOVE_GET_PUT("remove-get-put", "removed a reference get or put"),
    /** A wake-up (wake_up, complete) goes. */
    REMOVE_WAKE("remove-wake", "removed a wake-up"),
    /** percpu_ref_tryget_live becomes percpu_ref_tryget, which does not look at the dead flag. */
    TRYGET_LIVE("tryget-live-to-tryget", "tryget_live replaced by tryget"),
    /** A dead/unplugged/alive store (or the clearing of a pointer readers test) moves after the drain that follows it. */
    STORE_AFTER_DRAIN("store-after-drain", "moved a dead/unplugged store after the drain it guards"),
    /** The same store moves after the unlock that ends the critical section it sits in. */
    STORE_OUTSIDE_LOCK("store-outside-lock", "moved a dead/unplugged store outside its lock"),
    /** A branch in front of a use always goes on to the use (an early return is never taken). */
    DROP_CHECK("drop-check", "dropped a check before a use");

    private final String id;
    private final String what;

    Operator(String id, String what) {
        this.id = id;
        this.what = what;
    }

    /** The id used in mutant keys, tables and mutation.json. */
    public String id() {
        return id;
    }

    /** What a mutant of this operator did, as a phrase. */
    public String what() {
        return what;
    }

    /** The operator with this id; IllegalArgumentException naming the ids otherwise. */
    public static Operator byId(String id) {
        for (Operator o : values()) {
            if (o.id.equals(id)) {
                return o;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Operator o : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(o.id);
        }
        throw new IllegalArgumentException("no mutation operator '" + id + "' (operators: " + known + ")");
    }
}
