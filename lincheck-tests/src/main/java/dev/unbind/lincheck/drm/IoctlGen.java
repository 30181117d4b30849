package dev.unbind.lincheck.drm;

import dev.unbind.lincheck.ConfiguredEnumGen;
import dev.unbind.subjects.drm.Drm;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/** Draws the ioctl commands of random scenarios from those the {@code @Param} configuration lists. */
public final class IoctlGen extends ConfiguredEnumGen<Drm.Ioctl> {
    public IoctlGen(RandomProvider random, String configuration) {
        super(Drm.Ioctl.class, random, configuration);
    }
}
