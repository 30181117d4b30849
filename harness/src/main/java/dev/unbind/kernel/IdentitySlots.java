package dev.unbind.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Values kept per object and found by identity: what a kernel struct would hold in a field or
 * reach with container_of (a file's private slot, a device's driver data, the struct a member is
 * embedded in). A list scanned with {@code ==}, never hashed.
 *
 * <p>Rule: models use this, not {@code IdentityHashMap} or a {@code HashMap} keyed by model
 * objects. Lincheck's model checker makes identity hash codes deterministic only inside the code
 * it analyses, so an entry put during a facade's set-up would be missed when looked up from a
 * test thread. Meant for the handful of entries a model holds: lookups are linear.
 */
public final class IdentitySlots<K, V> {
    private record Slot<K, V>(K key, V value) {
    }

    private final List<Slot<K, V>> slots = new ArrayList<>();

    /** The value kept for {@code key}, or null. */
    public synchronized V get(K key) {
        for (Slot<K, V> s : slots) {
            if (s.key() == key) {
                return s.value();
            }
        }
        return null;
    }

    /**
     * Keeps {@code value} for {@code key}, replacing what was there (in place: {@link #values()}
     * keeps the order keys were first put); null removes the entry.
     */
    public synchronized void put(K key, V value) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).key() == key) {
                if (value == null) {
                    slots.remove(i);
                } else {
                    slots.set(i, new Slot<>(key, value));
                }
                return;
            }
        }
        if (value != null) {
            slots.add(new Slot<>(key, value));
        }
    }

    /** The values kept, in the order their keys were first put (a copy). */
    public synchronized List<V> values() {
        return slots.stream().map(Slot::value).toList();
    }

    /** Removes and returns the value kept for {@code key}, or null. */
    public synchronized V remove(K key) {
        V v = get(key);
        put(key, null);
        return v;
    }
}
