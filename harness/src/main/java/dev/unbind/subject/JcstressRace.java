package dev.unbind.subject;

import java.util.List;
import java.util.Objects;

/**
 * How a scenario runs as a JCStress test: the scenario's racing actors spread over JCStress's
 * actor threads, and the fault plan it runs under. The test itself is generated at build time
 * (one class per family and scenario, one nested test per variant) and graded from the catalogue.
 *
 * <p>JCStress runs a test only if it has a CPU per actor thread, so a race of three actors on a
 * two-core machine names which actors share a thread, in the order they run there
 * ({@code threads(List.of("reader"), List.of("remover", "killer"))}: the killer runs once the
 * remover has returned, as the scenario says anyway).
 *
 * @param threads  the racing actors' names per JCStress thread; empty: one thread per racing actor
 * @param faultsOf the id of the catalogued defect whose fault plan the test runs under, or null for none
 */
public record JcstressRace(List<List<String>> threads, String faultsOf) {
    public JcstressRace {
        threads = threads.stream().map(List::copyOf).toList();
    }

    /** One JCStress thread per racing actor, no faults. */
    public static JcstressRace plain() {
        return new JcstressRace(List.of(), null);
    }

    /** The racing actors grouped into JCStress threads, each group run in its order. */
    @SafeVarargs
    public static JcstressRace threads(List<String>... groups) {
        return new JcstressRace(List.of(groups), null);
    }

    /** The same race under the fault plan of catalogued defect {@code defectId} (it must name this scenario). */
    public JcstressRace underFaultsOf(String defectId) {
        return new JcstressRace(threads, Objects.requireNonNull(defectId));
    }
}
