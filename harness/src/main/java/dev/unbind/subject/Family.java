package dev.unbind.subject;

import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A fix family: one teardown protocol, its variants, the scenarios that exercise it, its fault
 * points and its catalogue of defects. {@code M} is the family's model interface: what a
 * scenario can ask of any variant (probe, open, ioctl, remove...).
 *
 * <p>Families are found with {@link java.util.ServiceLoader} (an explicit list in
 * {@code META-INF/services/dev.unbind.subject.Family}), so the harness never depends on them.
 */
public interface Family<M> {
    /** {@code drm}. */
    String id();

    String title();

    /** A paragraph for reports: the protocol and the fixes compared. */
    String summary();

    List<Variant<M>> variants();

    List<Scenario<M>> scenarios();

    List<Defect> defects();

    /** The call whose cost every variant's read side is measured on. */
    ReadSide<M> readSide();

    /** Every named point the family's code passes (its own and the kernel's it uses). */
    List<Point> points();

    /**
     * The user operations that tear the device down or release what user space holds
     * ({@code remove}, {@code close}, {@code rmmod}, a USB {@code disconnect}...): the stress engine
     * measures their latency, per scenario and situation. The names are those the model passes to
     * {@code k.op}.
     */
    Set<String> teardownOps();

    /** The user-visible errno contract, rule by rule, as the report prints it (empty: none declared as data). */
    default List<ErrnoRule> errnoContract() {
        return List.of();
    }

    /** The family's Lincheck facade, or null when the family has none (no Lincheck checks then). */
    default LincheckFacade lincheck() {
        return null;
    }

    default Variant<M> variant(String id) {
        return variants().stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no variant " + id + " in " + id()));
    }

    default Scenario<M> scenario(String id) {
        return scenarios().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no scenario " + id + " in " + id()));
    }

    /** Builds the plan of one run of {@code scenario} against {@code variant} on kernel {@code k}. */
    default Plan plan(String variant, String scenario, Kernel k) {
        M model = variant(variant).create().apply(k);
        return scenario(scenario).build().apply(k, model);
    }

    /**
     * The fault spec {@code s} runs under as a JCStress test: that of the catalogued defect its
     * {@link JcstressRace#faultsOf} names, "" when it names none.
     *
     * @throws IllegalStateException when the named defect is not in the catalogue or exposes another scenario
     */
    default String jcstressFaults(Scenario<M> s) {
        String named = s.jcstressRace() == null ? null : s.jcstressRace().faultsOf();
        if (named == null) {
            return "";
        }
        Defect d = defects().stream().filter(x -> x.id().equals(named)).findFirst().orElseThrow(() ->
                new IllegalStateException(id() + "/" + s.id() + ": runs under the faults of " + named + ", which is not catalogued"));
        if (!d.scenario().equals(s.id())) {
            throw new IllegalStateException(id() + "/" + s.id() + ": runs under the faults of " + named
                    + ", a defect of scenario " + d.scenario());
        }
        return d.faults();
    }

    /** The catalogued defects of one variant. */
    default List<Defect> defectsOf(String variant) {
        return defects().stream().filter(d -> d.variant().equals(variant)).toList();
    }
}
