package dev.unbind.finding;

/**
 * The properties every engine checks on every run. A finding always has exactly one kind.
 *
 * <p>{@link #NULL_DEREF} is not in the property list of the design on its own: a NULL pointer
 * dereference is how several posted patches fail (a pointer cleared or never set, then used), and
 * folding it into UAF would make the report claim freed memory where there was none.
 */
public enum Kind {
    /** Access to a freed cell, including a free that lands while another actor is inside its access. */
    UAF("use-after-free"),
    /** Free of a freed cell, or of memory that was never allocated. */
    DOUBLE_FREE("double-free"),
    /** At quiescence (files closed, devices removed, modules unloaded) something is still held. */
    LEAK("leak"),
    /** An actor cannot finish: deadlock, a wait nobody will satisfy, a livelock. */
    HANG("hang"),
    /** Driver code ran after the protocol promised it would not, or a fence returned early. */
    FENCE("fence"),
    /** A call into (or a read of) a module that has been unloaded. */
    MODULE("module"),
    /** Reference count misuse: underflow, get on zero, a kill of a dead ref. */
    REFCOUNT("refcount"),
    /** A user-visible result outside the subject's contract. */
    ERRNO("errno"),
    /** A NULL pointer was dereferenced. */
    NULL_DEREF("null-ptr-deref");

    private final String word;

    Kind(String word) {
        this.word = word;
    }

    /** The short word used in outcome ids, file names and report anchors. */
    public String word() {
        return word;
    }
}
