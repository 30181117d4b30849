package dev.unbind.subjects.misc;

import java.util.ArrayList;
import java.util.List;

/**
 * A small table from kernel objects to what a driver keeps for them (drvdata, the instance behind
 * a miscdevice), found by identity with {@code ==} and never by hash code. Lincheck's model
 * checker makes identity hash codes deterministic per invocation, so an object put into a hash map
 * while its facade is built can hash differently when the run looks it up; a table that compares
 * references cannot lose an entry that way. The tables hold a handful of entries.
 */
final class IdentityTable<K, V> {
    private final List<K> keys = new ArrayList<>();
    private final List<V> values = new ArrayList<>();

    synchronized void put(K key, V value) {
        int i = indexOf(key);
        if (i >= 0) {
            values.set(i, value);
        } else {
            keys.add(key);
            values.add(value);
        }
    }

    synchronized V get(K key) {
        int i = indexOf(key);
        return i < 0 ? null : values.get(i);
    }

    synchronized V remove(K key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        keys.remove(i);
        return values.remove(i);
    }

    synchronized List<V> values() {
        return List.copyOf(values);
    }

    private int indexOf(K key) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) == key) {
                return i;
            }
        }
        return -1;
    }
}
