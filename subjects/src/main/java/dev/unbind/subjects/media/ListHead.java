package dev.unbind.subjects.media;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;

/**
 * struct list_head embedded in some memory ({@code home}): every pointer read or write is an
 * access to that memory, so unlinking an entry whose neighbour was freed is a use-after-free on
 * the neighbour, exactly as in C.
 *
 * <p>Rules (include/linux/list.h):
 * <ol>
 *   <li>{@link #add} links after the head: it writes the head and the old first entry.</li>
 *   <li>{@link #del} writes both neighbours and poisons the entry; unlinking it again goes
 *       through the poison (a NULL dereference here).</li>
 *   <li>{@link #delInit} unlinks and points the entry at itself. On a list <em>head</em> it
 *       detaches the head: the entries stay linked to each other in a ring without a head.</li>
 * </ol>
 */
@dev.unbind.code.Core
final class ListHead {
    private final Kernel k;
    private final Cell home;
    private final String name;
    private volatile ListHead next = this;
    private volatile ListHead prev = this;

    ListHead(Kernel k, Cell home, String name) {
        this.k = k;
        this.home = home;
        this.name = name;
    }

    /** list_add(entry, head). */
    static void add(ListHead entry, ListHead head) {
        ListHead first = head.next();
        first.prev(entry);
        entry.next(first);
        entry.prev(head);
        head.next(entry);
    }

    /** list_del(entry): unlink and poison. */
    static void del(ListHead entry) {
        ListHead p = entry.k.deref(entry.prev(), "list_del(" + entry.name + "): entry->prev is LIST_POISON2");
        ListHead n = entry.next();
        n.prev(p);
        p.next(n);
        entry.next(null);
        entry.prev(null);
    }

    /** list_del_init(entry): unlink and reinitialise. */
    static void delInit(ListHead entry) {
        ListHead p = entry.prev();
        ListHead n = entry.next();
        n.prev(p);
        p.next(n);
        entry.next(entry);
        entry.prev(entry);
    }

    /** list_empty(head). */
    boolean isEmpty() {
        return next() == this;
    }

    private ListHead next() {
        home.touch("read " + name + ".next");
        return next;
    }

    private ListHead prev() {
        home.touch("read " + name + ".prev");
        return prev;
    }

    private void next(ListHead n) {
        home.touch("write " + name + ".next");
        next = n;
    }

    private void prev(ListHead p) {
        home.touch("write " + name + ".prev");
        prev = p;
    }

    @Override
    public String toString() {
        return name;
    }
}
