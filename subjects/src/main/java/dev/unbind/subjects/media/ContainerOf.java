package dev.unbind.subjects.media;

import java.util.ArrayList;
import java.util.List;

/**
 * container_of for the model: which outer struct a member object is embedded in. Lookup compares
 * references ({@code ==}) in insertion order and never hashes, so it answers the same whoever
 * asks: Lincheck's model checker makes identity hash codes deterministic only inside the code it
 * analyses, and an identity-hashed map filled during set-up would miss when read from a test
 * thread.
 */
final class ContainerOf<M, C> {
    private final List<M> members = new ArrayList<>();
    private final List<C> containers = new ArrayList<>();

    /** Records that {@code member} is embedded in {@code container}. */
    synchronized void put(M member, C container) {
        members.add(member);
        containers.add(container);
    }

    /** The container of {@code member}, or null if none was recorded. */
    synchronized C get(M member) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i) == member) {
                return containers.get(i);
            }
        }
        return null;
    }
}
