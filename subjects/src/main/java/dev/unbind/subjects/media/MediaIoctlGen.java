package dev.unbind.subjects.media;

import dev.unbind.engine.lincheck.ConfiguredEnumGen;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/** Draws the MEDIA_IOC commands of random scenarios from those the {@code @Param} configuration lists. */
public final class MediaIoctlGen extends ConfiguredEnumGen<Media.Ioctl> {
    public MediaIoctlGen(RandomProvider random, String configuration) {
        super(Media.Ioctl.class, random, configuration);
    }
}
