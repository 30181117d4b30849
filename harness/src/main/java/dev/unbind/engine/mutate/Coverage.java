package dev.unbind.engine.mutate;

import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;

/** What the probes saw during some runs: methods entered, objects built (by runtime class), mutation sites reached. */
final class Coverage {
    private final BitSet methods = new BitSet();
    private final BitSet sites = new BitSet();
    private final Set<String> objects = new TreeSet<>();

    synchronized void method(int id) {
        methods.set(id);
    }

    synchronized void object(String binaryName) {
        objects.add(binaryName);
    }

    synchronized void site(int id) {
        sites.set(id);
    }

    synchronized boolean entered(int method) {
        return methods.get(method);
    }

    synchronized boolean reached(int site) {
        return sites.get(site);
    }

    synchronized BitSet methods() {
        return (BitSet) methods.clone();
    }

    synchronized Set<String> objects() {
        return Set.copyOf(objects);
    }
}
