package dev.unbind.subject;

import java.util.Objects;

/**
 * A family's Lincheck facade: the class whose {@code @Operation} methods are the system calls and
 * actions a Lincheck scenario may make, its sequential contract (what user space may see when the
 * calls happen one at a time), and the pinned sizes every check of the family runs with. The
 * checks themselves are derived ({@link Scenario#lincheck} × variants × catalogue, plus one random
 * exploration per variant).
 *
 * <p>The facade has a public no-argument constructor that builds a fresh machine for the variant
 * the engine is checking ({@code dev.unbind.engine.lincheck.LincheckVariant.current()}).
 *
 * @param facade            the {@code @Operation} class
 * @param contract          the sequential specification
 * @param pinnedToFind      interleavings a pinned check that must find a defect may explore
 * @param pinnedToPass      interleavings a pinned check that must pass explores
 * @param randomIterations  random scenarios of the random exploration
 * @param randomInvocations interleavings per random scenario
 * @param randomBefore      operations before the parallel part of a random scenario
 */
public record LincheckFacade(Class<?> facade, Class<?> contract, int pinnedToFind, int pinnedToPass,
                             int randomIterations, int randomInvocations, int randomBefore) {
    public LincheckFacade {
        Objects.requireNonNull(facade);
        Objects.requireNonNull(contract);
    }

    /** Pinned checks explore {@code pinned} interleavings whatever they expect; random ones start with one operation. */
    public static LincheckFacade of(Class<?> facade, Class<?> contract, int pinned, int randomIterations,
                                    int randomInvocations) {
        return new LincheckFacade(facade, contract, pinned, pinned, randomIterations, randomInvocations, 1);
    }

    /** The same, with passing pinned checks exploring {@code n} interleavings. */
    public LincheckFacade withPinnedToPass(int n) {
        return new LincheckFacade(facade, contract, pinnedToFind, n, randomIterations, randomInvocations, randomBefore);
    }

    /** The same, with {@code n} operations before the parallel part of a random scenario. */
    public LincheckFacade withRandomBefore(int n) {
        return new LincheckFacade(facade, contract, pinnedToFind, pinnedToPass, randomIterations, randomInvocations, n);
    }
}
