package dev.unbind.engine.jcstress;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JCStress test maps to the variant its description starts with, and to the race its class names. */
class CaseMappingTest {
    private static final String NAME = "dev.unbind.jcstress.drm.IoctlVsRemove.UnplugEnterExit";

    @Test
    void descriptionWithVariantPrefix_givesVariantAndKebabRace() {
        JcstressCase t = JcstressCase.of(NAME, "drm.unplug-enter-exit | ioctl vs remove: an in-flight DETECT").orElseThrow();
        assertEquals(new JcstressCase(NAME, "drm.unplug-enter-exit", "ioctl-vs-remove"), t);
        assertEquals("drm", t.family());
    }

    @Test
    void variantIsTakenFromTheDescription_notFromTheClassName() {
        JcstressCase t = JcstressCase.of(NAME, "drm.quiesced | mislabelled on purpose").orElseThrow();
        assertEquals("drm.quiesced", t.variant());
    }

    @Test
    void descriptionWithoutSeparator_isNotMapped() {
        assertEquals(Optional.empty(), JcstressCase.of(NAME, "drm.quiesced ioctl vs remove"));
        assertEquals(Optional.empty(), JcstressCase.of(NAME, "ioctl vs remove | drm.quiesced"));
        assertEquals(Optional.empty(), JcstressCase.of(NAME, " | drm.quiesced"));
        assertEquals(Optional.empty(), JcstressCase.of(NAME, null));
    }

    @Test
    void binaryNamesAndTopLevelTests_giveTheirRace() {
        assertEquals("commit-vs-remove",
                JcstressCase.of("a.b.CommitVsRemove$Quiesced", "drm.quiesced | x").orElseThrow().race());
        assertEquals("close-vs-remove", JcstressCase.of("a.b.CloseVsRemove", "drm.quiesced | x").orElseThrow().race());
    }

    @Test
    void kebab_splitsWordsAndKeepsAcronymsTogether() {
        assertEquals("open-during-failing-register", JcstressCase.kebab("OpenDuringFailingRegister"));
        assertEquals("hpd-vs-remove", JcstressCase.kebab("HPDVsRemove"));
        assertEquals("close2-vs-remove", JcstressCase.kebab("Close2VsRemove"));
        assertTrue(JcstressCase.kebab("Ioctl").equals("ioctl"));
    }
}
