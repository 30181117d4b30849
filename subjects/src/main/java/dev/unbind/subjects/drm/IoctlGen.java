package dev.unbind.subjects.drm;

import dev.unbind.engine.lincheck.ConfiguredEnumGen;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/** Draws the ioctl commands of random scenarios from those the {@code @Param} configuration lists. */
public final class IoctlGen extends ConfiguredEnumGen<Drm.Ioctl> {
    public IoctlGen(RandomProvider random, String configuration) {
        super(Drm.Ioctl.class, random, configuration);
    }
}
