package dev.unbind.engine.jcstress;

import dev.unbind.subject.Family;
import dev.unbind.subject.Scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * One JCStress test case of the jar (a case, so that it is not taken for a test of this project),
 * derived from the families: every scenario that declares {@link Scenario#jcstress} has a
 * generated test per variant, named by {@link JcstressNames}. Nothing is read back from the
 * test's annotations: the family says which tests a variant has.
 *
 * @param name    the test name as JCStress reports it (nested classes joined with {@code .})
 * @param variant the variant id
 * @param race    the scenario id
 */
public record JcstressCase(String name, String variant, String race) {

    /** The generated tests of {@code variant}, in the family's scenario order. */
    public static List<JcstressCase> of(Family<?> family, String variant) {
        List<JcstressCase> out = new ArrayList<>();
        for (Scenario<?> s : family.scenarios()) {
            if (s.jcstressRace() != null) {
                out.add(new JcstressCase(JcstressNames.test(family.id(), s.id(), variant), variant, s.id()));
            }
        }
        return out;
    }

    /** {@code drm.quiesced ioctl-vs-remove}: the variant and race, what a shard's plan names. */
    public String key() {
        return variant + " " + race;
    }

    /** The family id: what comes before the dot of the variant id. */
    public String family() {
        return variant.substring(0, variant.indexOf('.'));
    }
}
