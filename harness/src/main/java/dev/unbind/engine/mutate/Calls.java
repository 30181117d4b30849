package dev.unbind.engine.mutate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a callee or a stored field is, told from its name the way a reader of the C code tells
 * it: models name their calls after the kernel's ({@code synchronize}, {@code flushWork},
 * {@code drmDevPut}, {@code wakeUp}), so the camel-case words of a name say what it does. Only
 * calls into unbind's own code count (the simulated kernel and the subjects), never into the JDK;
 * the detectors (named points, fences, cell accesses) are never mutated.
 */
final class Calls {
    private static final Set<String> DRAIN_WORDS = Set.of("synchronize", "wait", "flush", "cancel", "kill", "drain",
            "unmap", "zap", "unplug", "revoke");
    private static final Set<String> TEARDOWN_WORDS = Set.of("deregister", "unregister", "del", "remove");
    private static final Set<String> GET_PUT_NAMES = Set.of("get", "put", "tryGet", "tryGetLive", "getUnlessZero");
    private static final Set<String> WAKE_NAMES = Set.of("complete", "completeAll");
    private static final Set<String> FLAG_WORDS = Set.of("dead", "unplugged", "alive", "gone", "registered", "revoked",
            "dying", "removed", "disconnected");
    /** The detectors and the kernel context: mutating them would change what is checked, not the fix. */
    private static final Set<String> NEVER = Set.of("dev/unbind/kernel/Kernel", "dev/unbind/kernel/Fence",
            "dev/unbind/kernel/Fence$Scope", "dev/unbind/kernel/Cell", "dev/unbind/kernel/Cell$Access",
            "dev/unbind/kernel/Memory");

    private Calls() {
    }

    /** True for a call into unbind's code that a mutant may remove or change. */
    static boolean mutable(String owner) {
        return owner.startsWith("dev/unbind/") && !NEVER.contains(owner);
    }

    /** The lower-case camel-case words of a name: {@code waitEventInterruptible} is wait, event, interruptible. */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c) && w.length() > 0) {
                out.add(w.toString().toLowerCase(Locale.ROOT));
                w.setLength(0);
            }
            if (Character.isLetterOrDigit(c)) {
                w.append(c);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** synchronize, wait*, flush*, cancel*, kill*, drain*, unmap*, zap*, *unplug*, revoke*, and a teardown that ends in Sync (deregisterSync). */
    static boolean drains(String name) {
        List<String> w = words(name);
        return w.stream().anyMatch(DRAIN_WORDS::contains)
                || w.size() > 1 && w.get(w.size() - 1).equals("sync") && TEARDOWN_WORDS.contains(w.get(0));
    }

    /**
     * get, put, tryGet, tryGetLive, getUnlessZero, or a name ending in Get or Put (fopsGet,
     * drmDevPut), taking at most one argument (the object, or a release): a {@code put(key, value)}
     * fills a table, it does not drop a reference.
     */
    static boolean getsOrPuts(String name, int arguments) {
        List<String> w = words(name);
        String last = w.isEmpty() ? "" : w.get(w.size() - 1);
        return arguments <= 1 && (GET_PUT_NAMES.contains(name) || w.size() > 1 && (last.equals("get") || last.equals("put")));
    }

    /** An acquiring call: its "success" is true when a mutant removes it. */
    static boolean acquires(String name) {
        return name.startsWith("try") || words(name).contains("get");
    }

    /** wake*, complete, completeAll. */
    static boolean wakes(String name) {
        List<String> w = words(name);
        return !w.isEmpty() && w.get(0).equals("wake") || WAKE_NAMES.contains(name);
    }

    /** lock, lockKillable, downWrite, downRead...: a call that begins a critical section. */
    static boolean locks(String name) {
        List<String> w = words(name);
        return !w.isEmpty() && (w.get(0).equals("lock") || w.get(0).equals("down") && w.size() > 1);
    }

    /** unlock, upWrite, upRead: a call that ends one. */
    static boolean unlocks(String name) {
        List<String> w = words(name);
        return !w.isEmpty() && (w.get(0).equals("unlock") || w.get(0).equals("up") && w.size() > 1);
    }

    /** A field or setter that holds a device's life state: dead, unplugged, alive, gone, registered... */
    static boolean namesAFlag(String name) {
        return words(name).stream().anyMatch(FLAG_WORDS::contains);
    }
}
