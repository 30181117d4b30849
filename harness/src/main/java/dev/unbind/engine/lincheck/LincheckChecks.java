package dev.unbind.engine.lincheck;

import dev.unbind.subject.Defect;
import dev.unbind.subject.Expectation;
import dev.unbind.subject.Family;
import dev.unbind.subject.LincheckFacade;
import dev.unbind.subject.LincheckRace;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Variant;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

/**
 * The Lincheck checks of a family, derived from its scenarios, variants and catalogue (nothing
 * per family is written for them but the facade and its contract):
 * <ul>
 *   <li>per scenario that declares {@link Scenario#lincheck} and per variant, a pinned check. A
 *       variant that keeps every property must pass. A defective variant with catalogued
 *       fault-free defects in that scenario (Lincheck never arms a fault) must fail naming one of
 *       its fault-free defects; one with none there may pass, or fail naming one of them. (Any
 *       of the variant's, not only the scenario's: every Lincheck run ends with the process
 *       exiting after remove, and on a defective variant that exit often fails first, with the
 *       defect of another race. The journal files a finding under the scenario's own defect when
 *       the failure names it.) A scenario may state the defect a variant's check finds
 *       ({@link LincheckRace#expecting}), or leave a variant out with the reason
 *       ({@link LincheckRace#skipping}).</li>
 *   <li>per variant, one random exploration around them ({@link #RANDOM}): a fixed variant must
 *       pass; on a defective one it asserts nothing, what it finds is journaled (catalogued or not).</li>
 * </ul>
 * Every check runs with the family's pinned sizes; model checking is seeded, so a check finds the
 * same interleaving on every run.
 */
public final class LincheckChecks {
    /** The name of a variant's random exploration. */
    public static final String RANDOM = "random-ops";
    /**
     * Lincheck's wall-time limit for one invocation (its default is 30 s, which the first
     * invocations of a JVM can exceed on two loaded cores while Lincheck instruments classes; that
     * is then reported as a hang "see the thread dump"). Set through Lincheck 3.7's
     * {@code invocationTimeout}, internal to its Kotlin API but public in its bytecode.
     */
    public static final long INVOCATION_TIMEOUT_MS = 300_000;

    private LincheckChecks() {
    }

    /** Every check of {@code family}, variant by variant: its pinned scenarios in order, then its random exploration. */
    public static List<LincheckCheck> of(Family<?> family) {
        LincheckFacade lf = family.lincheck();
        List<LincheckCheck> out = new ArrayList<>();
        if (lf == null) {
            return out;
        }
        for (Variant<?> v : family.variants()) {
            for (Scenario<?> s : family.scenarios()) {
                LincheckRace race = s.lincheckRace();
                if (race == null || race.skipping().containsKey(v.id())) {
                    continue;
                }
                Class<?> facade = race.facade() == null ? lf.facade() : race.facade();
                LincheckCheck shape = pinned(family, v, s);
                int invocations = shape.must() == LincheckCheck.Must.PASS ? lf.pinnedToPass() : lf.pinnedToFind();
                out.add(new LincheckCheck(v.id(), s.id(), facade, () -> base(lf).iterations(0)
                        .invocationsPerIteration(invocations)
                        .addCustomScenario(CustomScenario.of(facade, race)), shape.must(), shape.allowed()));
            }
            boolean fixed = v.expect() == Expectation.KEEPS_EVERY_PROPERTY;
            out.add(new LincheckCheck(v.id(), RANDOM, lf.facade(), () -> base(lf)
                    .iterations(lf.randomIterations()).invocationsPerIteration(lf.randomInvocations())
                    .threads(2).actorsPerThread(2).actorsBefore(lf.randomBefore()).actorsAfter(1),
                    fixed ? LincheckCheck.Must.PASS : LincheckCheck.Must.EITHER, fixed ? Set.of() : null));
        }
        return out;
    }

    /** What the pinned check of {@code s} on {@code v} must do (its options are filled in by the caller). */
    static LincheckCheck pinned(Family<?> family, Variant<?> v, Scenario<?> s) {
        if (v.expect() == Expectation.KEEPS_EVERY_PROPERTY) {
            return LincheckCheck.passing(v.id(), s.id(), Object.class, ModelCheckingOptions::new);
        }
        List<Defect> faultFree = family.defectsOf(v.id()).stream().filter(d -> d.faults().isEmpty()).toList();
        String instead = s.lincheckRace().expecting().get(v.id());
        if (instead != null) {
            if (faultFree.stream().noneMatch(d -> d.id().equals(instead))) {
                throw new IllegalStateException(family.id() + "/" + s.id() + ": expects " + instead
                        + ", which is not a fault-free catalogued defect of " + v.id());
            }
            return LincheckCheck.finding(v.id(), s.id(), Object.class, ModelCheckingOptions::new, Set.of(instead));
        }
        boolean ownHere = faultFree.stream().anyMatch(d -> d.scenario().equals(s.id()));
        return new LincheckCheck(v.id(), s.id(), Object.class, ModelCheckingOptions::new,
                ownHere ? LincheckCheck.Must.FAIL : LincheckCheck.Must.EITHER, ids(faultFree));
    }

    private static Set<String> ids(List<Defect> defects) {
        Set<String> out = new TreeSet<>();
        defects.forEach(d -> out.add(d.id()));
        return out;
    }

    /**
     * What every check of a family shares: the contract; no shrinking (the scenarios are small
     * already); the kernel's bookkeeping, the facade's set-up and its end-of-run checks left
     * unexplored (they run on one thread, before the threads start and after they end); and a
     * generous limit on one invocation's wall time.
     */
    public static ModelCheckingOptions base(LincheckFacade lf) {
        ModelCheckingOptions o = new ModelCheckingOptions()
                .sequentialSpecification(lf.contract())
                .minimizeFailedScenario(false)
                .invocationTimeout$lincheck(INVOCATION_TIMEOUT_MS);
        Bookkeeping.guarantees().forEach(o::addGuarantee);
        o.addGuarantee(forClasses(lf.facade().getName()).methods("setUp", "validate").ignore());
        return o;
    }

    /** The check of {@code family} called {@code name} on {@code variant}. */
    public static LincheckCheck find(Family<?> family, String variant, String name) {
        return of(family).stream().filter(c -> c.variant().equals(variant) && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Lincheck check " + variant + "/" + name));
    }
}
