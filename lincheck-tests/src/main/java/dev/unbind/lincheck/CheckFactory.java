package dev.unbind.lincheck;

import dev.unbind.engine.lincheck.Bookkeeping;
import dev.unbind.engine.lincheck.CustomScenario;
import dev.unbind.engine.lincheck.LincheckCheck;
import dev.unbind.engine.lincheck.LincheckSuite;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

import java.util.function.UnaryOperator;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

/**
 * How a family's Lincheck suite builds its checks, with the family's pinned sizes: hand-written
 * scenarios ({@link #pinned}) explored for a fixed number of interleavings, and one small random
 * exploration ({@link #randomOps}). Model checking is seeded, so every check finds the same
 * interleaving on every run.
 *
 * @param contract          the sequential specification (the user-visible contract)
 * @param facade            the family's facade base class (its set-up and {@code validate} are not explored)
 * @param pinnedToFind      interleavings a pinned check that must find a defect may explore
 * @param pinnedToPass      interleavings a pinned check that must pass explores
 * @param randomIterations  random scenarios per random check
 * @param randomInvocations interleavings per random scenario
 * @param randomBefore      operations before the parallel part of a random scenario
 */
public record CheckFactory(Class<?> contract, Class<?> facade, int pinnedToFind, int pinnedToPass,
                           int randomIterations, int randomInvocations, int randomBefore) {
    /**
     * Lincheck's wall-time limit for one invocation (its default is 30 s, which the first
     * invocations of a JVM can exceed on two loaded cores while Lincheck instruments classes; that
     * is then reported as a hang "see the thread dump"). Set through Lincheck 3.7's
     * {@code invocationTimeout}, internal to its Kotlin API but public in its bytecode.
     */
    public static final long INVOCATION_TIMEOUT_MS = 300_000;

    /** Pinned checks explore {@code pinned} interleavings whatever they expect; random ones start with one operation. */
    public static CheckFactory of(Class<?> contract, Class<?> facade, int pinned, int randomIterations, int randomInvocations) {
        return new CheckFactory(contract, facade, pinned, pinned, randomIterations, randomInvocations, 1);
    }

    /** The same, with passing pinned checks exploring {@code n} interleavings. */
    public CheckFactory withPinnedToPass(int n) {
        return new CheckFactory(contract, facade, pinnedToFind, n, randomIterations, randomInvocations, randomBefore);
    }

    /** The same, with {@code n} operations before the parallel part of a random scenario. */
    public CheckFactory withRandomBefore(int n) {
        return new CheckFactory(contract, facade, pinnedToFind, pinnedToPass, randomIterations, randomInvocations, n);
    }

    /** A hand-written scenario; {@code expected} is the catalogued defect it must find, or null if it must pass. */
    public LincheckCheck pinned(String variant, String name, Class<?> variantFacade, String expected,
                                UnaryOperator<CustomScenario> scenario) {
        int invocations = expected == null ? pinnedToPass : pinnedToFind;
        return new LincheckCheck(variant, name, variantFacade, () -> base().iterations(0)
                .invocationsPerIteration(invocations)
                .addCustomScenario(scenario.apply(CustomScenario.of(variantFacade)).build()), expected);
    }

    /** Random scenarios around the pinned races: two threads of two operations, and one after. */
    public LincheckCheck randomOps(String variant, Class<?> variantFacade, String expected) {
        return new LincheckCheck(variant, "random-ops", variantFacade, () -> base()
                .iterations(randomIterations).invocationsPerIteration(randomInvocations)
                .threads(2).actorsPerThread(2).actorsBefore(randomBefore).actorsAfter(1), expected);
    }

    /**
     * What every check shares: the contract; no shrinking (the scenarios are small already); the
     * kernel's bookkeeping, the facade's set-up and its end-of-run checks left unexplored (they
     * run on one thread, before the threads start and after they end); and a generous limit on
     * one invocation's wall time, which otherwise also pays for Lincheck instrumenting the classes
     * an invocation meets for the first time.
     */
    public ModelCheckingOptions base() {
        ModelCheckingOptions o = new ModelCheckingOptions()
                .sequentialSpecification(contract)
                .minimizeFailedScenario(false)
                .invocationTimeout$lincheck(INVOCATION_TIMEOUT_MS);
        Bookkeeping.guarantees().forEach(o::addGuarantee);
        o.addGuarantee(forClasses(facade.getName()).methods("setUp", "validate").ignore());
        return o;
    }

    /** The check called {@code name} of {@code variant} in {@code suite}. */
    public static LincheckCheck find(LincheckSuite suite, String variant, String name) {
        return suite.checks().stream()
                .filter(c -> c.variant().equals(variant) && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Lincheck check " + variant + "/" + name));
    }
}
