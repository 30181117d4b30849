package dev.unbind.subjects.revocable;

import java.util.ArrayList;
import java.util.List;

/**
 * A few values kept per object, found by identity (a field the kernel struct would have: a
 * file's f_rr, a device's driver data). A list scanned with {@code ==}, not a hash map: identity
 * hash codes are not stable under Lincheck's model checker, which would lose the entry.
 */
final class IdentitySlots<K, V> {
    private record Slot<K, V>(K key, V value) {
    }

    private final List<Slot<K, V>> slots = new ArrayList<>();

    synchronized V get(K key) {
        for (Slot<K, V> s : slots) {
            if (s.key() == key) {
                return s.value();
            }
        }
        return null;
    }

    /** Sets the value of {@code key}; null removes it. */
    synchronized void put(K key, V value) {
        slots.removeIf(s -> s.key() == key);
        if (value != null) {
            slots.add(new Slot<>(key, value));
        }
    }

    /** Removes and returns the value of {@code key}. */
    synchronized V remove(K key) {
        V v = get(key);
        put(key, null);
        return v;
    }
}
