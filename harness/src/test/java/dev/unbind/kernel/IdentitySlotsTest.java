package dev.unbind.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IdentitySlotsTest {
    /** Equal but distinct keys, as two files with the same contents would be. */
    private record Key(String name) {
    }

    @Test
    void keysAreComparedByIdentity_notByEquals() {
        IdentitySlots<Key, String> slots = new IdentitySlots<>();
        Key a = new Key("x");
        Key b = new Key("x");
        slots.put(a, "a");
        slots.put(b, "b");
        assertEquals("a", slots.get(a));
        assertEquals("b", slots.get(b));
    }

    @Test
    void putReplaces_andNullRemoves() {
        IdentitySlots<Key, String> slots = new IdentitySlots<>();
        Key a = new Key("x");
        slots.put(a, "1");
        slots.put(a, "2");
        assertEquals("2", slots.get(a));
        slots.put(a, null);
        assertNull(slots.get(a));
    }

    @Test
    void removeReturnsTheValue_once() {
        IdentitySlots<Key, String> slots = new IdentitySlots<>();
        Key a = new Key("x");
        slots.put(a, "1");
        assertEquals("1", slots.remove(a));
        assertNull(slots.remove(a));
    }

    @Test
    void valuesKeepTheOrderKeysWereFirstPut_evenWhenReplaced() {
        IdentitySlots<Key, String> slots = new IdentitySlots<>();
        Key a = new Key("a");
        Key b = new Key("b");
        slots.put(a, "1");
        slots.put(b, "2");
        slots.put(a, "3");
        assertEquals(java.util.List.of("3", "2"), slots.values());
    }
}
